import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { listPeople } from '$lib/server/people/list-people';
import { invitePerson, ZInvitePersonInput } from '$lib/server/people/invite-person';
import {
	withdrawInvitation,
	ZWithdrawInvitationInput
} from '$lib/server/people/withdraw-invitation';
import { siteRoles } from '$lib/server/people/people.schema';
import { formatDate } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const { people, invitations } = await listPeople({ db: locals.app.db, actor }).catch(pageError);
	const when = {
		locale: locals.locale,
		timeZone: displayZone({ profile: locals.profile, site: requireSite(actor) })
	};
	return {
		people: people.map((p) => ({ ...p, roles: p.roles.map((r) => t(`role_${r}`)) })),
		invitations: invitations.map((i) => ({
			id: i.id,
			email: i.email,
			role: t(`role_${i.role}`),
			expires: formatDate(i.expiresAt, when.locale, when.timeZone)
		})),
		roles: siteRoles.map((r) => ({ value: r, label: t(`role_${r}`) }))
	};
};

export const actions: Actions = {
	invite: async ({ request, locals }) => {
		const form = await parseForm(request, ZInvitePersonInput);
		if (!form.ok) return form.failure;
		try {
			await invitePerson({ app: locals.app, actor: locals.actor, input: form.data });
			return { done: t('people_invited', { email: form.data.email }) };
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	withdraw: async ({ request, locals }) => {
		const form = await parseForm(request, ZWithdrawInvitationInput);
		if (!form.ok) return form.failure;
		try {
			await withdrawInvitation({ db: locals.app.db, actor: locals.actor, input: form.data });
			return { done: t('people_withdrawn') };
		} catch (e) {
			return failWith(e, form.values);
		}
	}
};
