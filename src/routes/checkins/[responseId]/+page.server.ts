import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { displayZone } from '$lib/server/dates/display-zone';
import { getCheckin } from '$lib/server/outcomes/get-checkin';
import { saveAnswer, ZSaveAnswerForm } from '$lib/server/outcomes/save-answer';
import { submitCheckin } from '$lib/server/outcomes/submit-checkin';
import { setAnswerMode, ZAnswerModeInput } from '$lib/server/outcomes/checkin-settings';
import { inLanguage } from '$lib/server/outcomes/instrument';
import { crisisContactsIn } from '$lib/server/sites/crisis-contacts';
import { noFields } from '$lib/server/forms';
import { formatDateTime } from '$lib/format';
import { z } from 'zod';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor);
	const c = await getCheckin({ app: locals.app, actor, responseId: params.responseId }).catch(
		pageError
	);
	const lang = locals.locale;
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const items = c.items.map((i, n) => ({
		number: n + 1,
		linkId: i.linkId,
		kind: i.kind,
		text: inLanguage(i.text, lang),
		required: i.required,
		options: i.options.map((o) => ({ value: o.code, label: inLanguage(o.label, lang) })),
		answer: c.answers[i.linkId] ?? {}
	}));
	// One question per screen: `?q=` is the question shown; past the last is the review.
	const q = Number(url.searchParams.get('q') ?? '');
	const firstOpen = items.findIndex((i) => !c.answers[i.linkId]);
	const current =
		Number.isInteger(q) && q >= 1 && q <= items.length + 1 ? q : firstOpen + 1 || items.length + 1;
	return {
		id: c.response.id,
		title: inLanguage(c.title, lang),
		status: c.response.status,
		closes: formatDateTime(c.response.closesAt, lang, zone),
		onePerScreen: c.onePerScreen,
		items,
		current
	};
};

const withResponse = <T extends object>(params: Partial<Record<string, string>>, input: T) => ({
	...input,
	responseId: params.responseId ?? ''
});

export const actions: Actions = {
	answer: formAction(
		ZSaveAnswerForm.extend({ next: z.coerce.number().int().min(1).max(1000).optional() }),
		async ({ next, ...input }, { locals, params }) => {
			await saveAnswer({
				app: locals.app,
				actor: locals.actor,
				input: withResponse(params, input)
			});
			// Without JavaScript, one question per screen goes on to the next one.
			if (next !== undefined) redirect(303, `/checkins/${params.responseId ?? ''}?q=${next}`);
			return { saved: input.item };
		}
	),
	submit: formAction(noFields, async (_input, { locals, params }) => {
		const actor = requireSignedIn(locals.actor);
		const r = await submitCheckin({
			db: locals.app.db,
			actor,
			input: { responseId: params.responseId ?? '' }
		});
		if (!r.alerted) redirect(303, '/checkins?done=1');
		const site = requireSite(actor);
		// An answer asked for help: the site's crisis help at once, before anything else.
		return {
			alerted: true,
			crisisContacts: crisisContactsIn(site.crisisContacts, locals.locale, site.defaultLocale)
		};
	}),
	mode: formAction(ZAnswerModeInput, async (input, { locals, params }) => {
		await setAnswerMode({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, `/checkins/${params.responseId ?? ''}`);
	})
};
