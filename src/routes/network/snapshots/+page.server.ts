import type { PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { pageError } from '$lib/server/forms';
import { compareSnapshots, ZCompareInput } from '$lib/server/network/compare-snapshots';
import { parseInput } from '$lib/server/validation';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDateTime } from '$lib/format';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const chosen = {
		a: url.searchParams.get('a') ?? undefined,
		b: url.searchParams.get('b') ?? undefined
	};
	const input = (() => {
		try {
			return parseInput(ZCompareInput, chosen);
		} catch (e) {
			return pageError(e);
		}
	})();
	const result = await compareSnapshots({ app: locals.app, actor, input }).catch(pageError);
	const zone = displayZone({ profile: locals.profile, site: actor.site });
	const day = (d: Date) => formatDateTime(d, locals.locale, zone);
	const side = (s: NonNullable<typeof result.pair>['before']) => ({
		id: s.id,
		day: day(s.takenAt),
		size: s.size,
		circlesFilled: s.circlesFilled,
		items: s.items
	});
	return {
		snapshots: result.snapshots.map((s) => ({
			id: s.id,
			day: day(s.takenAt),
			size: s.size,
			circlesFilled: s.circlesFilled
		})),
		pair: result.pair
			? {
					before: side(result.pair.before),
					after: side(result.pair.after),
					diff: result.pair.diff
				}
			: null
	};
};
