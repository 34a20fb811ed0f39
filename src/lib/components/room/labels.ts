import { m } from '$lib/paraglide/messages.js';

/** Someone in the room by pseudonym (or name, for staff), marked when they facilitate. */
export const personLabel = (name: string | null, staff: boolean): string =>
	`${name ?? m.room_someone()}${staff ? ` (${m.room_facilitator()})` : ''}`;
