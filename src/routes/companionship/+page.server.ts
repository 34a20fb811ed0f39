import type { Actions, PageServerLoad } from './$types';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { formatDate } from '$lib/format';
import {
	answerOffer,
	getMemberCompanionship,
	requestCompanion,
	withdrawRequest,
	ZAnswerOfferInput,
	ZRequestCompanionInput,
	ZWithdrawRequestInput
} from '$lib/server/companionship/member-companionship';
import {
	getPeerCompanionship,
	logContact,
	saveCompanionProfile,
	ZCompanionProfileInput,
	ZLogContactInput
} from '$lib/server/companionship/peer-companionship';
import type { CompanionshipSide } from '$lib/server/companionship/companionship-access';
import { dayOf } from '$lib/server/dates/calendar';
import { siteZoneOf } from '$lib/server/dates/display-zone';
import {
	endCompanionship,
	endReasonsFor,
	ZEndCompanionshipInput
} from '$lib/server/companionship/end-companionship';
import { getCompanionshipHistory } from '$lib/server/companionship/companionship-history';

/** Ending one that is gone or not the person's: the same words, next to the reason. */
const cannotEnd = { reason: 'companion_err_cannot_end' };

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	// A companionship's days are the site's, the same for the member and the companion.
	const zone = siteZoneOf(actor.site);
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	// Past companionships only: the current one is shown above them.
	const history = (as: CompanionshipSide) =>
		getCompanionshipHistory({ db, actor, as, filter: 'ended' })
			.then((rows) =>
				rows.map((r) => ({ ...r, startedOn: day(r.startedOn), endsOn: day(r.endsOn) }))
			)
			.catch(pageError);
	const member = can(actor, 'member.space')
		? await getMemberCompanionship({ db, actor }).catch(pageError)
		: null;
	const peer = can(actor, 'peer.work')
		? await getPeerCompanionship({ db, actor }).catch(pageError)
		: null;
	return {
		today: dayOf(new Date(), zone),
		coordinator: can(actor, 'groups.manage'),
		member: member && {
			endedBefore: member.endedBefore,
			endReasons: endReasonsFor.member,
			history: await history('member'),
			current: member.current && {
				...member.current,
				endsOn: member.current.endsAt
					? formatDate(member.current.endsAt, locals.locale, zone)
					: null
			}
		},
		peer: peer && {
			...peer,
			endReasons: endReasonsFor.companion,
			history: await history('companion'),
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
	withdraw: async ({ request, locals }) => {
		const form = await parseForm(request, ZWithdrawRequestInput);
		if (!form.ok) return form.failure;
		try {
			await withdrawRequest({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('companion_ended') };
	},
	end: async ({ request, locals }) => {
		const form = await parseForm(request, ZEndCompanionshipInput);
		if (!form.ok) return form.failure;
		try {
			const input = form.data;
			await endCompanionship({ db: locals.app.db, actor: locals.actor, as: 'member', input });
		} catch (e) {
			return failWith(e, form.values, cannotEnd);
		}
		return { done: t('companion_ended') };
	},
	endAsCompanion: async ({ request, locals }) => {
		const form = await parseForm(request, ZEndCompanionshipInput);
		if (!form.ok) return form.failure;
		try {
			const input = form.data;
			await endCompanionship({ db: locals.app.db, actor: locals.actor, as: 'companion', input });
		} catch (e) {
			return failWith(e, form.values, cannotEnd);
		}
		return { done: t('companion_ended_staff') };
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
