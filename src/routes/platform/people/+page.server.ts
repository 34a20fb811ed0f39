import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { zId } from '$lib/server/validation';
import { findAccount } from '$lib/server/people/find-account';
import { setAccountStatus } from '$lib/server/people/set-account-status';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const email = url.searchParams.get('email') ?? '';
	return {
		email,
		account: await findAccount({ db: locals.app.db, actor, input: { email } }).catch(pageError)
	};
};

const ZAccountForm = z.object({ userId: zId });

const status = (disabled: boolean) =>
	formAction(
		ZAccountForm,
		({ userId }, { locals }) =>
			setAccountStatus({ db: locals.app.db, actor: locals.actor, input: { userId, disabled } }),
		{ done: disabled ? 'person_disabled_done' : 'person_enabled_done' }
	);

export const actions: Actions = { disable: status(true), enable: status(false) };
