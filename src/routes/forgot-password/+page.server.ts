import type { Actions } from './$types';
import { failWith, parseForm } from '$lib/server/forms';
import { ZRequestPasswordResetInput } from '$lib/server/account/recovery.validation';
import { requestPasswordReset } from '$lib/server/account/request-password-reset';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await parseForm(request, ZRequestPasswordResetInput);
		if (!form.ok) return form.failure;
		try {
			await requestPasswordReset({ app: locals.app, input: form.data, ip: locals.ip });
		} catch (e) {
			return failWith(e, form.values);
		}
		// The same answer whether or not the address has an account.
		return { sent: true };
	}
};

// Plain HTML: nothing here needs JavaScript, and without it no typed text can be lost to
// hydration on a slow phone, and the next page loads in full (its language and direction).
export const csr = false;
