import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { getPerson } from '$lib/server/people/get-person';
import { setPersonRoles, ZPersonRolesForm } from '$lib/server/people/set-person-roles';
import { setAccountStatus } from '$lib/server/people/set-account-status';
import { siteRoles } from '$lib/server/people/people.schema';
import { formatDate } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const person = await getPerson({
		db: locals.app.db,
		actor,
		input: { userId: params.userId }
	}).catch(pageError);
	return {
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

const status =
	(disabled: boolean): Actions[string] =>
	async ({ locals, params }) => {
		try {
			await setAccountStatus({
				db: locals.app.db,
				actor: locals.actor,
				input: { userId: params.userId ?? '', disabled }
			});
			return { done: t(disabled ? 'person_disabled_done' : 'person_enabled_done') };
		} catch (e) {
			return failWith(e, {});
		}
	};

export const actions: Actions = {
	roles: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZPersonRolesForm);
		if (!form.ok) return form.failure;
		try {
			await setPersonRoles({
				db: locals.app.db,
				actor: locals.actor,
				input: { userId: params.userId, roles: form.data.roles }
			});
			return { done: t('person_roles_saved') };
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	disable: status(true),
	enable: status(false)
};
