import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { getItem } from '$lib/server/moderation/get-item';
import { moderate, muteHours, ZModerateInput } from '$lib/server/moderation/moderate';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getItem({ db: locals.app.db, actor, input: params }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: requireSite(actor) });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	return {
		item: { ...view.item, when: when(view.item.createdAt), resolvedAt: null, createdAt: null },
		group: view.group,
		content: view.content
			? { ...view.content, when: when(view.content.createdAt), createdAt: null }
			: null,
		author: {
			name: view.author.name,
			pseudonym: view.author.pseudonym,
			status: view.author.status,
			mutedUntil: view.author.mutedUntil ? when(view.author.mutedUntil) : null
		},
		reports: view.reports.map((r) => ({ ...r, at: null, when: when(r.at) })),
		history: view.history.map((h) => ({
			...h,
			at: null,
			until: h.until ? when(h.until) : null,
			when: when(h.at)
		})),
		muteHours: [...muteHours]
	};
};

export const actions: Actions = {
	act: formAction(
		ZModerateInput.omit({ itemId: true }),
		(data, { locals, params }) => {
			const hours = data.hours === undefined ? undefined : String(data.hours);
			const input = { ...data, hours, itemId: params.itemId };
			return moderate({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'moderation_done' }
	)
};
