import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { locales } from '$lib/paraglide/runtime.js';
import { LOCALE_COOKIE } from '$lib/server/i18n/cookies';
import { zNext } from '$lib/server/account/account.validation';
import { setOwnLocale } from '$lib/server/people/profile';
import { formObject } from '$lib/server/forms';

const ZLanguage = z.object({ locale: z.enum(locales), next: zNext });

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		// A body that is not a form (text/plain, multipart without a boundary) is no choice at all.
		const data = await request.formData().catch(() => null);
		const parsed = ZLanguage.safeParse(data ? formObject(data).raw : {});
		if (!parsed.success) redirect(303, '/');
		cookies.set(LOCALE_COOKIE, parsed.data.locale, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
		if (locals.actor)
			await setOwnLocale({ db: locals.app.db, actor: locals.actor, locale: parsed.data.locale });
		redirect(303, parsed.data.next === '/home' && !locals.actor ? '/' : parsed.data.next);
	}
};
