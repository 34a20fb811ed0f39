import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { formatDate, formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { getOwnCareTeam } from '$lib/server/care-team/get-own-care-team';
import {
	requestCareTeamChange,
	ZRequestCareTeamChangeInput
} from '$lib/server/care-team/request-care-team-change';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const { team, requests } = await getOwnCareTeam({ app: locals.app, actor }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locals.locale, 'UTC');
	const person = (p: (typeof team.carers)[number]) => ({ ...p, since: day(p.since) });
	return {
		siteName: actor.site?.name ?? '',
		professional: team.professional && person(team.professional),
		peerWorkers: team.peerWorkers.map(person),
		carers: team.carers.map(person),
		requests: requests.map((r) => ({
			...r,
			createdAt: formatDateTime(r.createdAt, locals.locale, zone),
			answeredAt: r.answeredAt && formatDateTime(r.answeredAt, locals.locale, zone)
		}))
	};
};

export const actions: Actions = {
	ask: formAction(
		ZRequestCareTeamChangeInput,
		(input, { locals }) => requestCareTeamChange({ app: locals.app, actor: locals.actor, input }),
		{ done: 'care_request_sent' }
	)
};
