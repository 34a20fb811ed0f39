import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDate } from '$lib/format';
import type { SelectOption } from './SelectField.svelte';

/** A person offered in a picker; `joinedOn` comes only with a name someone else has too. */
export type PersonToPick = { userId: string; name: string; joinedOn?: string };

/** The picker's option for a person: two people of one name are told apart by when they came. */
export function personChoice(p: PersonToPick): SelectOption {
	if (!p.joinedOn) return { value: p.userId, label: p.name };
	// Noon UTC names the stored UTC day in every zone the formatter is given.
	const date = formatDate(`${p.joinedOn}T12:00:00Z`, getLocale(), 'UTC');
	return { value: p.userId, label: m.staff_person_joined({ name: p.name, date }) };
}
