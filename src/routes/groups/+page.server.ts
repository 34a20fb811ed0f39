import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError, t } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { listGroups } from '$lib/server/groups/list-groups';
import { markRemindersRead, ZMarkRemindersReadInput } from '$lib/server/groups/mark-reminders-read';
import { formatDate, formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const page = await listGroups({
		db: locals.app.db,
		actor,
		input: { locale: locals.locale }
	}).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const when = (d: Date | null) => (d ? formatDateTime(d, locals.locale, zone) : null);
	const cards = (list: typeof page.mine) =>
		list.map(({ nextSession, closedAt, ...g }) => ({
			...g,
			next: when(nextSession),
			closedOn: closedAt ? formatDate(closedAt, locals.locale, zone) : null
		}));
	return {
		mine: cards(page.mine),
		joinable: cards(page.joinable),
		facilitating: cards(page.facilitating),
		facilitatingAll: page.facilitatingAll,
		reminders: page.reminders.map(({ startsAt, ...r }) => ({ ...r, when: when(startsAt) })),
		unreadReminders: page.unreadReminders,
		canOpen: page.canOpen
	};
};

export const actions: Actions = {
	/** Marks one reminder read (its id in the form) or, sent without an id, every one. */
	read: formAction(
		ZMarkRemindersReadInput,
		(input, { locals }) => markRemindersRead({ db: locals.app.db, actor: locals.actor, input }),
		{
			done: (_, { reminderId }) =>
				t(reminderId ? 'groups_reminder_marked' : 'groups_reminders_marked')
		}
	)
};
