import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields, pageError, t } from '$lib/server/forms';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { getPerson } from '$lib/server/people/get-person';
import { setPersonRoles, ZPersonRolesForm } from '$lib/server/people/set-person-roles';
import { setMembershipStatus } from '$lib/server/people/set-membership-status';
import { siteRoles } from '$lib/server/people/people.schema';
import { formatDate } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { loadPersonCareTeam, careTeamActions } from '$lib/server/web/care-team-admin';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const person = await getPerson({
		db: locals.app.db,
		actor,
		input: { userId: params.userId }
	}).catch(pageError);
	return {
		// A member's care team; one suspended or disabled has none to manage until reinstated.
		careTeam:
			person.roles.includes('member') && !person.suspended && !person.disabled
				? await loadPersonCareTeam(locals, params.userId)
				: null,
		person: {
			...person,
			joined: formatDate(
				person.joinedAt,
				locals.locale,
				displayZone({ profile: locals.profile, site: requireSite(actor) })
			)
		},
		roles: siteRoles.map((r) => ({ value: r, label: t(`role_${r}`) }))
	};
};

const status = (suspended: boolean) =>
	formAction(
		noFields,
		(_, { locals, params }) =>
			setMembershipStatus({
				db: locals.app.db,
				actor: locals.actor,
				input: { userId: params.userId ?? '', suspended }
			}),
		{ done: suspended ? 'person_suspended_done' : 'person_reinstated_done' }
	);

export const actions: Actions = {
	roles: formAction(
		ZPersonRolesForm,
		({ roles }, { locals, params }) =>
			setPersonRoles({
				db: locals.app.db,
				actor: locals.actor,
				input: { userId: params.userId, roles }
			}),
		{ done: 'person_roles_saved' }
	),
	suspend: status(true),
	reinstate: status(false),
	// The care team of a member (web/care-team-admin.ts), named here so every action is listed.
	careAssign: careTeamActions.careAssign,
	careEnd: careTeamActions.careEnd,
	careAnswer: careTeamActions.careAnswer
};
