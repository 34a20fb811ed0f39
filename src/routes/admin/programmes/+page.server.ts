import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { requireSignedIn } from '$lib/server/access/actor';
import { localeName } from '$lib/server/i18n/locale';
import { formatDate, formatDateTime } from '$lib/format';
import { listProgrammes } from '$lib/server/groups/list-programmes';
import { closeGroup, ZCloseGroupInput } from '$lib/server/groups/close-group';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const programmes = await listProgrammes({ db: locals.app.db, actor }).catch(pageError);
	const zone = actor.site?.timeZone;
	return {
		opened: url.searchParams.has('opened'),
		site: actor.site?.slug ?? '',
		programmes: programmes.map(({ groupList, ...p }) => ({
			...p,
			groupList: groupList.map(({ closedAt, ...g }) => ({
				...g,
				closedOn: closedAt ? formatDate(closedAt, locals.locale, zone) : null
			})),
			languages: p.languages.map(({ createdAt, ...l }) => ({
				...l,
				name: localeName(l.locale),
				at: formatDateTime(createdAt, locals.locale, zone)
			}))
		}))
	};
};

export const actions: Actions = {
	/** A site admin closes one of the site's groups (the group's id travels in the form). */
	close: async ({ request, locals }) => {
		const form = await parseForm(request, ZCloseGroupInput);
		if (!form.ok) return form.failure;
		try {
			await closeGroup({ db: locals.app.db, actor: locals.actor, input: form.data });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('groups_closed_done') };
	}
};
