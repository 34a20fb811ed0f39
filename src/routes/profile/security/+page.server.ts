import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction } from '$lib/server/forms';
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

const confirm = formAction(ZConfirmInput, async ({ code }, { request, locals, cookies }) => {
	const actor = requireSignedIn(locals.actor);
	const headers = await confirmEnrolment({
		app: locals.app,
		actor,
		code,
		headers: request.headers
	});
	forwardAuthCookies(cookies, headers);
	return { done: true };
});

export const actions: Actions = {
	start: formAction(ZStartInput, async ({ password }, { request, locals }) => {
		const actor = requireSignedIn(locals.actor);
		const headers = request.headers;
		return { enrolment: await startEnrolment({ app: locals.app, actor, password, headers }) };
	}),
	confirm: async (event) => {
		const answer = await confirm(event);
		// A mistyped code shows the same setup key again (the page may have no JavaScript).
		if ('done' in answer) return answer;
		return fail(answer.status, {
			...answer.data,
			enrolment: enrolmentFromForm(answer.data.values)
		});
	},
	codes: formAction(ZStartInput, async ({ password }, { request, locals }) => {
		const actor = requireSignedIn(locals.actor);
		const headers = request.headers;
		return {
			backupCodes: await regenerateBackupCodes({ app: locals.app, actor, password, headers })
		};
	})
};
