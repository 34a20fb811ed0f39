// The audit trail in plain words for the page: each action and kind of record by its label in
// the reader's language (the raw code stays in the row, shown beside it), acting roles by name,
// and people by the names the site's staff may see (people/names.ts, siteNames): anyone not on
// the site is "someone from outside this site", never their account name.
import type { Db } from '../db/client';
import type { MessageKey } from '../errors';
import { t } from '../i18n/messages';
import { siteRoles, type SiteRole } from '../people/people.schema';
import { siteNames } from '../people/names';
import { auditActionLabel, auditEntityLabel } from '../audit/action-labels';
import type { AuditRow } from '../audit/list-audit';

const label = (key: MessageKey | null) => (key ? t(key) : null);
const namedRoles: readonly string[] = [...siteRoles, 'platform_admin'];

function roleLabel(role: string | null): string | null {
	if (role === 'operator') return t('audit_label_operator'); // a command run on the server
	return role && namedRoles.includes(role)
		? t(`role_${role as SiteRole | 'platform_admin'}`)
		: null;
}

/** Labels and names for a page of audit rows and the people listed beside them. */
export async function labelAuditRows(
	db: Db,
	siteId: string,
	rows: readonly AuditRow[],
	alsoNamed: readonly string[] = []
) {
	const names = await siteNames(db, siteId, [
		...alsoNamed,
		...rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])),
		...rows.flatMap((r) => (r.entityType === 'user' && r.entityId ? [r.entityId] : []))
	]);
	const nameOf = (userId: string) => names.get(userId) ?? t('audit_label_outside');
	return {
		nameOf,
		rows: rows.map((r) => ({
			...r,
			actionLabel: label(auditActionLabel(r.action)),
			actorName: r.actorUserId ? nameOf(r.actorUserId) : null,
			roleLabel: roleLabel(r.actingRole),
			entityLabel: r.entityType ? label(auditEntityLabel(r.entityType)) : null,
			entityName: r.entityType === 'user' && r.entityId ? nameOf(r.entityId) : null
		}))
	};
}
