import type { Actions, PageServerLoad } from './$types';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t, type FieldKeys } from '$lib/server/forms';
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
const cannotEnd: FieldKeys = { reason: 'companion_err_cannot_end' };

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
	request: formAction(
		ZRequestCompanionInput,
		(input, { locals }) => requestCompanion({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'companion_requested' }
	),
	answer: formAction(
		ZAnswerOfferInput,
		(input, { locals }) => answerOffer({ db: locals.app.db, actor: locals.actor, input }),
		{
			done: (_, { answer }) => t(answer === 'accept' ? 'companion_accepted' : 'companion_declined')
		}
	),
	withdraw: formAction(
		ZWithdrawRequestInput,
		(input, { locals }) => withdrawRequest({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'companion_ended' }
	),
	end: formAction(
		ZEndCompanionshipInput,
		(input, { locals }) =>
			endCompanionship({ db: locals.app.db, actor: locals.actor, as: 'member', input }),
		{ done: 'companion_ended', notFoundAs: cannotEnd }
	),
	endAsCompanion: formAction(
		ZEndCompanionshipInput,
		(input, { locals }) =>
			endCompanionship({ db: locals.app.db, actor: locals.actor, as: 'companion', input }),
		{ done: 'companion_ended_staff', notFoundAs: cannotEnd }
	),
	profile: formAction(
		ZCompanionProfileInput,
		(input, { locals }) => saveCompanionProfile({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'companion_profile_saved' }
	),
	contact: formAction(
		ZLogContactInput,
		(input, { locals }) => logContact({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'companion_contact_logged' }
	)
};
