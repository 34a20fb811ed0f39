import type { Actions, PageServerLoad } from './$types';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import {
	answerOffer,
	endCompanionship,
	getMemberCompanionship,
	requestCompanion,
	ZAnswerOfferInput,
	ZEndCompanionshipInput,
	ZRequestCompanionInput
} from '$lib/server/companionship/member-companionship';
import {
	getPeerCompanionship,
	logContact,
	saveCompanionProfile,
	ZCompanionProfileInput,
	ZLogContactInput
} from '$lib/server/companionship/peer-companionship';
import { dayIn } from '$lib/server/companionship/companionship-access';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const zone = actor.site?.timeZone ?? 'UTC';
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	const member = can(actor, 'member.space')
		? await getMemberCompanionship({ db, actor }).catch(pageError)
		: null;
	const peer = can(actor, 'peer.work')
		? await getPeerCompanionship({ db, actor }).catch(pageError)
		: null;
	return {
		today: dayIn(new Date(), zone),
		coordinator: can(actor, 'groups.manage'),
		member: member && {
			endedBefore: member.endedBefore,
			current: member.current && {
				...member.current,
				endsOn: member.current.endsAt
					? formatDate(member.current.endsAt, locals.locale, zone)
					: null
			}
		},
		peer: peer && {
			...peer,
			companions: peer.companions.map((c) => ({
				...c,
				startedOn: day(c.startedOn),
				endsOn: day(c.endsOn),
				contacts: c.contacts.map((x) => ({ ...x, day: day(x.date) }))
			}))
		}
	};
};

export const actions: Actions = {
	request: async ({ request, locals }) => {
		const form = await parseForm(request, ZRequestCompanionInput);
		if (!form.ok) return form.failure;
		try {
			await requestCompanion({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_requested') };
	},
	answer: async ({ request, locals }) => {
		const form = await parseForm(request, ZAnswerOfferInput);
		if (!form.ok) return form.failure;
		try {
			await answerOffer({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return {
			done: t(form.data.answer === 'accept' ? 'companion_accepted' : 'companion_declined')
		};
	},
	end: async ({ request, locals }) => {
		const form = await parseForm(request, ZEndCompanionshipInput);
		if (!form.ok) return form.failure;
		try {
			await endCompanionship({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_ended') };
	},
	profile: async ({ request, locals }) => {
		const form = await parseForm(request, ZCompanionProfileInput);
		if (!form.ok) return form.failure;
		try {
			await saveCompanionProfile({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_profile_saved') };
	},
	contact: async ({ request, locals }) => {
		const form = await parseForm(request, ZLogContactInput);
		if (!form.ok) return form.failure;
		try {
			await logContact({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_contact_logged') };
	}
};
