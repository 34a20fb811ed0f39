import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields, t, type FieldKeys } from '$lib/server/forms';
import { findInvitation } from '$lib/server/people/find-invitation';
import { acceptInvitation } from '$lib/server/people/accept-invitation';
import { acceptInvitationWithNewAccount } from '$lib/server/people/accept-invitation-new-account';
import { ZAcceptInvitationNewAccountInput } from '$lib/server/people/invitation.validation';
import { forwardAuthCookies } from '$lib/server/auth/cookies';

export const load: PageServerLoad = async ({ params, locals }) => {
	const view = await findInvitation({
		db: locals.app.db,
		actor: locals.actor,
		token: params.token
	});
	return view.kind === 'invalid' ? { view } : { view, roleLabel: t(`role_${view.role}`) };
};

/** A link that stopped working between showing the page and pressing the button. */
const gone: FieldKeys = { _: 'invite_invalid' };

export const actions: Actions = {
	create: formAction(
		ZAcceptInvitationNewAccountInput,
		async (input, { request, params, locals, cookies }) => {
			const result = await acceptInvitationWithNewAccount({
				app: locals.app,
				token: params.token,
				input,
				ip: locals.ip,
				headers: request.headers
			});
			if (!result) redirect(303, '/signin');
			forwardAuthCookies(cookies, result.headers);
			redirect(303, result.kind === 'second-factor' ? '/signin/second-factor' : '/home');
		},
		{ notFoundAs: gone }
	),
	accept: formAction(
		noFields,
		async (_, { params, locals }) => {
			if (!locals.actor)
				redirect(303, `/signin?next=${encodeURIComponent(`/invite/${params.token}`)}`);
			const { siteName } = await acceptInvitation({
				app: locals.app,
				actor: locals.actor,
				token: params.token
			});
			return { accepted: siteName };
		},
		{ notFoundAs: gone }
	)
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
