import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { t } from '$lib/server/forms';
import { isStaff } from '$lib/server/access/permissions';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	return {
		name: actor.name,
		siteName: actor.site?.name ?? null,
		roles: actor.roles.map((r) => t(`role_${r}`)),
		staff: isStaff(actor.roles, false),
		platformAdmin: actor.isPlatformAdmin,
		switched: url.searchParams.has('switched')
	};
};
