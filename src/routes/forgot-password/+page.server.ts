import type { Actions } from './$types';
import { formAction } from '$lib/server/forms';
import { ZRequestPasswordResetInput } from '$lib/server/account/recovery.validation';
import { requestPasswordReset } from '$lib/server/account/request-password-reset';

export const actions: Actions = {
	default: formAction(ZRequestPasswordResetInput, async (input, { locals }) => {
		await requestPasswordReset({ app: locals.app, input, ip: locals.ip });
		// The same answer whether or not the address has an account.
		return { sent: true };
	})
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
