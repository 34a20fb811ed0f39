import type { PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { getSharedPlan } from '$lib/server/plans/get-shared-plan';
import { sectionsOf } from '$lib/server/plans/plan-sections';
import { crisisContactsIn } from '$lib/server/sites/crisis-contacts';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDateTime } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const plan = await getSharedPlan({
		app: locals.app,
		actor,
		input: { planId: params.planId }
	}).catch(pageError);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	return {
		planId: plan.planId,
		kind: plan.kind,
		memberName: plan.memberName,
		savedAt: when(plan.savedAt),
		sections: sectionsOf(plan.kind, plan.body),
		crisis:
			plan.kind === 'safety'
				? crisisContactsIn(site.crisisContacts, locals.locale, site.defaultLocale)
				: [],
		versions: plan.versions.map((v) => ({
			version: v.version,
			at: when(v.createdAt),
			by: v.editedBy
		})),
		mayEdit: plan.mayEdit
	};
};
