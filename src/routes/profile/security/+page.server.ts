import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { parseForm, failWith, type FormFailure } from '$lib/server/forms';
import { zCode } from '$lib/server/account/account.validation';
import { PASSWORD_MAX } from '$lib/server/auth/auth.config';
import {
	confirmEnrolment,
	regenerateBackupCodes,
	startEnrolment
} from '$lib/server/account/second-factor';
import { enrolmentFromForm } from '$lib/server/account/enrolment-form';
import { forwardAuthCookies } from '$lib/server/auth/cookies';

const ZStartInput = z.object({
	password: z.string('err_required').min(1, 'err_required').max(PASSWORD_MAX, 'err_password_long')
});
const ZConfirmInput = z.object({ code: zCode });

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	return { enabled: actor.twoFactorEnabled, required: url.searchParams.get('required') === '1' };
};

export const actions: Actions = {
	start: async ({ request, locals }) => {
		const actor = requireSignedIn(locals.actor);
		const form = await parseForm(request, ZStartInput);
		if (!form.ok) return form.failure;
		try {
			const enrolment = await startEnrolment({
				app: locals.app,
				actor,
				password: form.data.password,
				headers: request.headers
			});
			return { enrolment };
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	confirm: async ({ request, locals, cookies }) => {
		const actor = requireSignedIn(locals.actor);
		const form = await parseForm(request, ZConfirmInput);
		// A mistyped code shows the same setup key again (the page may have no JavaScript).
		const again = (failure: ActionFailure<FormFailure>) =>
			fail(failure.status, { ...failure.data, enrolment: enrolmentFromForm(failure.data.values) });
		if (!form.ok) return again(form.failure);
		try {
			const headers = await confirmEnrolment({
				app: locals.app,
				actor,
				code: form.data.code,
				headers: request.headers
			});
			forwardAuthCookies(cookies, headers);
			return { done: true };
		} catch (e) {
			return again(failWith(e, form.values));
		}
	},
	codes: async ({ request, locals }) => {
		const actor = requireSignedIn(locals.actor);
		const form = await parseForm(request, ZStartInput);
		if (!form.ok) return form.failure;
		try {
			const backupCodes = await regenerateBackupCodes({
				app: locals.app,
				actor,
				password: form.data.password,
				headers: request.headers
			});
			return { backupCodes };
		} catch (e) {
			return failWith(e, form.values);
		}
	}
};
