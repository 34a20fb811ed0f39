import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, pageError } from '$lib/server/forms';
import { can, requireSignedIn } from '$lib/server/access/actor';
import { localeName } from '$lib/server/i18n/locale';
import { formatDate } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { listProgrammes } from '$lib/server/programmes/list-programmes';
import { createProgramme, ZCreateProgrammeInput } from '$lib/server/programmes/create-programme';
import { closeGroup, ZCloseGroupInput } from '$lib/server/groups/close-group';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const list = await listProgrammes({
		db: locals.app.db,
		actor,
		input: { locale: locals.locale }
	}).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	return {
		...list,
		programmes: list.programmes.map(({ groupList, ...p }) => ({
			...p,
			groupList: groupList.map(({ closedAt, ...g }) => ({
				...g,
				closedOn: closedAt ? formatDate(closedAt, locals.locale, zone) : null
			}))
		})),
		languages: list.locales.map((l) => ({ locale: l, name: localeName(l) })),
		canOpenGroup: can(actor, 'peer.work') || can(actor, 'groups.manage'),
		opened: url.searchParams.has('opened'),
		site: actor.site?.slug ?? ''
	};
};

export const actions: Actions = {
	create: formAction(ZCreateProgrammeInput, async (input, { locals }) => {
		const created = await createProgramme({ db: locals.app.db, actor: locals.actor, input });
		// Open it in the site's default language, or the first language the template had.
		const fallback = locals.actor?.site?.defaultLocale ?? locals.locale;
		const lang = created.locales.includes(fallback) ? fallback : (created.locales[0] ?? fallback);
		redirect(303, `/admin/programmes/${created.slug}?lang=${lang}&created=1`);
	}),
	/** A site admin closes one of the site's groups (the group's id travels in the form). */
	close: formAction(
		ZCloseGroupInput,
		(input, { locals }) => closeGroup({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'groups_closed_done' }
	)
};
