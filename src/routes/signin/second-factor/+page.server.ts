import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions } from './$types';
import { z } from 'zod';
import { formAction } from '$lib/server/forms';
import { zBackupCode, zCode, zNext } from '$lib/server/account/account.validation';
import { verifySignInCode } from '$lib/server/account/second-factor';
import { forwardAuthCookies } from '$lib/server/auth/cookies';

const ZCodeInput = z.object({ code: zCode });
const ZBackupInput = z.object({ backupCode: zBackupCode });

/** Either kind of code finishes signing in and goes on where the person was headed. */
async function verify(code: string, kind: 'app' | 'backup', event: RequestEvent) {
	const { request, locals, cookies, url } = event;
	const headers = await verifySignInCode({
		app: locals.app,
		code,
		kind,
		ip: locals.ip,
		headers: request.headers
	});
	forwardAuthCookies(cookies, headers);
	redirect(303, zNext.parse(url.searchParams.get('next') ?? undefined));
}

export const actions: Actions = {
	app: formAction(ZCodeInput, ({ code }, event) => verify(code, 'app', event)),
	backup: formAction(ZBackupInput, ({ backupCode }, event) => verify(backupCode, 'backup', event))
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
