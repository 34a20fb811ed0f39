import type { PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { listSharedGoals } from '$lib/server/goals/list-shared-goals';
import { stepView } from '$lib/server/goals/goal-view';
import { dayOf } from '$lib/server/dates/calendar';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDate } from '$lib/format';
import { listSharedMaps } from '$lib/server/network/shared-maps';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const [goals, maps] = await Promise.all([
		listSharedGoals({ db: locals.app.db, actor }),
		listSharedMaps({ db: locals.app.db, actor })
	]).catch(pageError);
	const site = requireSite(actor);
	const today = dayOf(new Date(), site.timeZone);
	const zone = displayZone({ profile: locals.profile, site });
	return {
		maps,
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
