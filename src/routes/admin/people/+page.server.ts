import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError, t } from '$lib/server/forms';
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

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const after = url.searchParams.get('after') ?? undefined;
	const { people, invitations, next } = await listPeople({
		db: locals.app.db,
		actor,
		input: { after }
	}).catch(pageError);
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
		roles: siteRoles.map((r) => ({ value: r, label: t(`role_${r}`) })),
		next: next ? `?${new URLSearchParams({ after: next })}` : null,
		laterPage: after !== undefined
	};
};

export const actions: Actions = {
	invite: formAction(
		ZInvitePersonInput,
		(input, { locals }) => invitePerson({ app: locals.app, actor: locals.actor, input }),
		{ done: (_, { email }) => t('people_invited', { email }) }
	),
	withdraw: formAction(
		ZWithdrawInvitationInput,
		(input, { locals }) => withdrawInvitation({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'people_withdrawn' }
	)
};
