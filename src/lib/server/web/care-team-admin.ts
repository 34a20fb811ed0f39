// The care team part of a person's admin page (/admin/people/[userId]): what it shows and its
// forms (assign or hand over, take off the team, answer a request). Kept here so the people
// page's route stays short; the use cases decide everything.
import { formatDateTime, formatDate } from '../../format';
import { formAction, pageError, t } from '../forms';
import { displayZone } from '../dates/display-zone';
import { getPersonCareTeam } from '../care-team/get-person-care-team';
import { assignCareTeam, ZAssignCareTeamForm } from '../care-team/assign-care-team';
import { endCareAssignment, ZEndCareAssignmentForm } from '../care-team/end-care-assignment';
import {
	answerCareTeamRequest,
	ZAnswerCareTeamRequestForm
} from '../care-team/answer-care-team-request';

type Locals = App.Locals;

/** The member's care team, history and requests, written for the reader. */
export async function loadPersonCareTeam(locals: Locals, memberId: string) {
	const care = await getPersonCareTeam({
		app: locals.app,
		actor: locals.actor,
		input: { memberId }
	}).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: locals.actor?.site });
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	const person = (p: (typeof care.team.carers)[number]) => ({ ...p, since: day(p.since) });
	return {
		professional: care.team.professional && person(care.team.professional),
		peerWorkers: care.team.peerWorkers.map(person),
		carers: care.team.carers.map(person),
		history: care.history.map((h) => ({
			...h,
			startedOn: day(h.startedOn),
			endedOn: h.endedOn && day(h.endedOn)
		})),
		requests: care.requests.map((r) => ({
			...r,
			createdAt: formatDateTime(r.createdAt, locals.locale, zone),
			answeredAt: r.answeredAt && formatDateTime(r.answeredAt, locals.locale, zone)
		})),
		professionals: care.professionals,
		peerWorkerChoices: care.peerWorkers
	};
}

export const careTeamActions = {
	careAssign: formAction(
		ZAssignCareTeamForm,
		(input, { locals, params }) =>
			assignCareTeam({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...input, memberId: params.userId ?? '' }
			}),
		{ done: (r) => (r.handedOver ? t('care_handed_over') : t('care_assigned')) }
	),
	careEnd: formAction(
		ZEndCareAssignmentForm,
		(input, { locals, params }) =>
			endCareAssignment({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...input, memberId: params.userId ?? '' }
			}),
		{ done: 'care_ended', notFoundAs: { reason: 'care_err_gone' } }
	),
	careAnswer: formAction(
		ZAnswerCareTeamRequestForm,
		(input, { locals, params }) =>
			answerCareTeamRequest({
				app: locals.app,
				actor: locals.actor,
				input: { ...input, memberId: params.userId ?? '' }
			}),
		{ done: 'care_answered', notFoundAs: { status: 'care_err_gone' } }
	)
};
