import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/forms';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { readOutbox } from '$lib/server/mail/read-outbox';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const entries = await readOutbox({ app: locals.app, actor }).catch(pageError);
	const when = {
		locale: locals.locale,
		timeZone: displayZone({ profile: locals.profile, site: requireSite(actor) })
	};
	return {
		entries:
			entries?.map((e) => ({
				id: e.id,
				to: e.to,
				subject: e.subject,
				at: formatDateTime(new Date(e.createdAt), when.locale, when.timeZone),
				// Odd parts are links, so the page can make them clickable without rendering HTML.
				parts: e.text.split(/(https?:\/\/[^\s<>"]+)/)
			})) ?? null
	};
};
