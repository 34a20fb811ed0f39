import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { notFound } from '$lib/server/errors';
import { getOwnPlan } from '$lib/server/plans/get-own-plan';
import { isPlanKind, sectionsOf, type PlanKind } from '$lib/server/plans/plan-sections';
import { sharePlan, ZSharePlanInput } from '$lib/server/plans/share-plan';
import { revokePlanShare, ZRevokePlanShareInput } from '$lib/server/plans/revoke-plan-share';
import { listSupporters } from '$lib/server/goals/list-supporters';
import type { Supporter } from '$lib/server/goals/supporters';
import { crisisContactsIn } from '$lib/server/sites/crisis-contacts';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDateTime } from '$lib/format';

/** The kind of plan named by the address, or "not found". */
const kindOf = (params: Partial<Record<string, string>>): PlanKind => {
	const kind = params.kind ?? '';
	if (!isPlanKind(kind)) pageError(notFound());
	return kind;
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor);
	const kind = kindOf(params);
	const asked = url.searchParams.get('version');
	if (asked !== null && !/^[1-9]\d{0,8}$/.test(asked)) pageError(notFound());
	const plan = await getOwnPlan({
		app: locals.app,
		actor,
		input: { kind, version: asked === null ? undefined : Number(asked) }
	}).catch(pageError);
	const supporters = await listSupporters({ db: locals.app.db, actor }).catch(pageError);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	const person = (s: Supporter) => ({
		userId: s.userId,
		name: s.name,
		roles: s.roles.map((r) => t(`role_${r}`)).join(', ')
	});
	const shared = new Set(plan.sharedWith.map((s) => s.userId));
	return {
		kind,
		version: plan.version,
		latestVersion: plan.latestVersion,
		savedAt: plan.savedAt ? when(plan.savedAt) : null,
		sections: sectionsOf(kind, plan.body),
		crisis:
			kind === 'safety'
				? crisisContactsIn(site.crisisContacts, locals.locale, site.defaultLocale)
				: [],
		versions: plan.versions.map((v) => ({
			version: v.version,
			at: when(v.createdAt),
			by: v.byOwner ? null : v.editedBy
		})),
		sharedWith: plan.sharedWith.map(person),
		supporters: supporters.filter((s) => !shared.has(s.userId)).map(person)
	};
};

export const actions: Actions = {
	share: formAction(
		ZSharePlanInput.omit({ kind: true }),
		(input, { locals, params }) =>
			sharePlan({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...input, kind: kindOf(params) }
			}),
		{ done: 'plan_shared' }
	),
	revoke: formAction(
		ZRevokePlanShareInput.omit({ kind: true }),
		(input, { locals, params }) =>
			revokePlanShare({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...input, kind: kindOf(params) }
			}),
		{ done: 'plan_share_revoked' }
	)
};
