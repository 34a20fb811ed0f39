import type { Tx } from '../db/client';

/**
 * The one place a check-in answer that met an alert rule becomes a safety alert. H4's
 * `raiseSafetyAlert(tx, { siteId, personId, source: 'checkin', sourceId, reason: 'answer_rule' })`
 * (safety/raise-safety-alert.ts) is wired here at merge; until then the response row's `alerted`
 * flag records the signal, and the member sees the site's crisis help at once.
 */
export async function signalCheckinRisk(
	tx: Tx,
	signal: { siteId: string; personId: string; responseId: string }
): Promise<void> {
	void tx;
	void signal;
}
