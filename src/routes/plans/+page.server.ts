import type { PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { mayUse } from '$lib/server/access/use-case-permissions';
import { pageError } from '$lib/server/forms';
import { getOwnPlan } from '$lib/server/plans/get-own-plan';
import { listSharedPlans } from '$lib/server/plans/list-shared-plans';
import { planKinds } from '$lib/server/plans/plan-sections';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDateTime } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	const own = mayUse(actor, 'plans.own')
		? await Promise.all(
				planKinds.map((kind) =>
					getOwnPlan({ app: locals.app, actor, input: { kind } }).catch(pageError)
				)
			)
		: [];
	const shared = mayUse(actor, 'plans.read_shared')
		? await listSharedPlans({ db: locals.app.db, actor }).catch(pageError)
		: [];
	return {
		own: own.map((p) => ({
			kind: p.kind,
			savedAt: p.savedAt ? when(p.savedAt) : null,
			sharedWith: p.sharedWith.length
		})),
		mayReadShared: mayUse(actor, 'plans.read_shared'),
		shared: shared.map((s) => ({
			planId: s.planId,
			kind: s.kind,
			memberName: s.memberName,
			sharedAt: when(s.sharedAt)
		}))
	};
};
