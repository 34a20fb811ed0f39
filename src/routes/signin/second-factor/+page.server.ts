import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { z } from 'zod';
import { parseForm, failWith } from '$lib/server/forms';
import { zBackupCode, zCode, zNext } from '$lib/server/account/account.validation';
import { verifySignInCode } from '$lib/server/account/second-factor';
import { forwardAuthCookies } from '$lib/server/auth/cookies';

const ZCodeInput = z.object({ code: zCode });
const ZBackupInput = z.object({ backupCode: zBackupCode });

export const actions: Actions = {
	app: async ({ request, locals, cookies, url }) => {
		const form = await parseForm(request, ZCodeInput);
		if (!form.ok) return form.failure;
		try {
			const headers = await verifySignInCode({
				app: locals.app,
				code: form.data.code,
				ip: locals.ip,
				headers: request.headers
			});
			forwardAuthCookies(cookies, headers);
		} catch (e) {
			return failWith(e, form.values);
		}
		redirect(303, zNext.parse(url.searchParams.get('next') ?? undefined));
	},
	backup: async ({ request, locals, cookies, url }) => {
		const form = await parseForm(request, ZBackupInput);
		if (!form.ok) return form.failure;
		try {
			const headers = await verifySignInCode({
				app: locals.app,
				code: form.data.backupCode,
				kind: 'backup',
				ip: locals.ip,
				headers: request.headers
			});
			forwardAuthCookies(cookies, headers);
		} catch (e) {
			return failWith(e, form.values);
		}
		redirect(303, zNext.parse(url.searchParams.get('next') ?? undefined));
	}
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
