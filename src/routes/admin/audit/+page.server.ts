import type { PageServerLoad } from './$types';
import { pageError, t } from '$lib/server/forms';
import { isErrorKey } from '$lib/server/errors';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { listAudit, ZAuditFilter } from '$lib/server/audit/list-audit';
import { formatDateTime, formatNumber } from '$lib/format';
import { listUnusualDenials, UNUSUAL_NOT_FOUND } from '$lib/server/audit/access-denials';
import { shownTag } from '$lib/server/audit/address-tag';
import { displayZone } from '$lib/server/dates/display-zone';
import { labelAuditRows } from '$lib/server/web/audit-rows';

const filterNames = ['action', 'actor', 'outcome', 'from', 'to'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireSignedIn(locals.actor);
	const values = Object.fromEntries(filterNames.map((k) => [k, url.searchParams.get(k) ?? '']));
	const parsed = ZAuditFilter.safeParse({
		...values,
		before: url.searchParams.get('before') ?? undefined
	});
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = String(issue.path[0] ?? 'action');
			errors[field] ??= t(isErrorKey(issue.message) ? issue.message : 'err_invalid');
		}
		const none = { unusual: [], unusualAt: UNUSUAL_NOT_FOUND };
		return { values, errors, message: t('err_form'), rows: [], older: null, ...none };
	}
	const unusual = await listUnusualDenials({ db: locals.app.db, actor }).catch(pageError);
	const { rows, nextBefore } = await listAudit({
		db: locals.app.db,
		actor,
		input: parsed.data
	}).catch(pageError);
	const site = requireSite(actor);
	const when = { locale: locals.locale, timeZone: displayZone({ profile: locals.profile, site }) };
	const named = await labelAuditRows(
		locals.app.db,
		site.id,
		rows,
		unusual.flatMap((u) => (u.actorUserId ? [u.actorUserId] : []))
	);
	const older = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ''));
	older.set('before', String(nextBefore));
	return {
		unusualAt: UNUSUAL_NOT_FOUND,
		values,
		errors: {} as Record<string, string>,
		message: null,
		rows: named.rows.map((r) => ({
			...r,
			at: formatDateTime(r.at, when.locale, when.timeZone),
			outcomeLabel: t(`outcome_${r.outcome}`)
		})),
		older: nextBefore ? `?${older}` : null,
		unusual: unusual.map((u, i) => ({
			...u,
			addressTag: u.addressTag === null ? null : shownTag(u.addressTag),
			name: u.actorUserId ? named.nameOf(u.actorUserId) : null,
			key: i,
			count: formatNumber(u.notFound, when.locale),
			lastAt: formatDateTime(u.lastAt, when.locale, when.timeZone)
		}))
	};
};
