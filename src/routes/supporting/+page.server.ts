import type { PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { listSharedGoals } from '$lib/server/goals/list-shared-goals';
import { stepView } from '$lib/server/goals/goal-view';
import { dayIn } from '$lib/server/goals/goal-dates';
import { formatDate } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const goals = await listSharedGoals({ db: locals.app.db, actor }).catch(pageError);
	const zone = requireSite(actor).timeZone;
	const today = dayIn(new Date(), zone);
	return {
		goals: goals.map((g) => ({
			id: g.id,
			text: g.text,
			status: g.status,
			memberName: g.memberName,
			sharedOn: formatDate(g.sharedAt, locals.locale, zone),
			progress: g.progress,
			steps: g.steps.map((s) => stepView(s, locals.locale, zone, today))
		}))
	};
};
