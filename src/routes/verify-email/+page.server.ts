import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { zLinkToken } from '$lib/server/account/recovery.validation';
import { verifyEmail } from '$lib/server/account/verify-email';

// The mailed link is opened with GET, so confirming happens on load; a token works for one address.
export const load: PageServerLoad = async ({ url, locals }) => {
	const token = zLinkToken.safeParse(url.searchParams.get('token') ?? '');
	if (token.success && (await verifyEmail({ app: locals.app, token: token.data, ip: locals.ip })))
		redirect(303, '/signin?reason=verified');
	return {};
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
