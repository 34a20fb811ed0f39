// Whether a safety alert exists for you is one lookup: the people who hold it and the site's
// on-call list see all of it; the site's admins see when and how it moved, without who or what
// ("metadata"); everyone else, and the person it is about, get "not found".
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { can, requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import type { Site } from '../sites/sites.schema';
import { isUuid } from '../validation';
import { safetyAlertPeople, safetyAlerts, safetyOnCall, type SafetyAlert } from './safety.schema';

export type AlertView = 'full' | 'metadata';

export function requireAlertsUser(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'safety.alerts');
	return { actor, site: requireSite(actor) };
}

/** The alerts an actor holds or, being on call, may take up: a condition on `safety_alerts`. */
export function fullViewOf(actor: Actor, siteId: string): SQL {
	return sql`(${safetyAlerts.personId} <> ${actor.userId} and (exists (select 1 from ${safetyAlertPeople} where ${safetyAlertPeople.alertId} = ${safetyAlerts.id} and ${safetyAlertPeople.userId} = ${actor.userId}) or exists (select 1 from ${safetyOnCall} where ${safetyOnCall.siteId} = ${siteId} and ${safetyOnCall.userId} = ${actor.userId})))`;
}

/** The alert as the actor may see it, or "not found". */
export async function alertFor(
	tx: Tx | Db,
	given: Actor | null,
	alertId: string
): Promise<{ actor: Actor; site: Site; alert: SafetyAlert; view: AlertView }> {
	const { actor, site } = requireAlertsUser(given);
	if (!isUuid(alertId)) throw notFound();
	const [row] = await tx
		.select({ alert: safetyAlerts, full: sql<boolean>`${fullViewOf(actor, site.id)}` })
		.from(safetyAlerts)
		.where(and(eq(safetyAlerts.id, alertId), eq(safetyAlerts.siteId, site.id)))
		.limit(1);
	if (!row || row.alert.personId === actor.userId) throw notFound();
	if (row.full === true || String(row.full) === 'true')
		return { actor, site, alert: row.alert, view: 'full' };
	if (can(actor, 'site.settings')) return { actor, site, alert: row.alert, view: 'metadata' };
	throw notFound();
}
