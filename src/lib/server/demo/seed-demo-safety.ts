// The demo's safety alerts: the demo professional is on call, and one open alert about a demo
// member waits for them (a check-in answer that met an alert rule), so the care workflow can be
// tried at once. Seeded with the demo site only, so starting Kith again adds nothing.
import type { App } from '../app';
import type { Site } from '../sites/sites.schema';
import { safetyOnCall } from '../safety/safety.schema';
import { raiseSafetyAlert } from '../safety/raise-safety-alert';

export async function seedDemoSafety({
	app,
	site,
	professionalId,
	memberId
}: {
	app: App;
	site: Site;
	professionalId: string;
	memberId: string;
}): Promise<void> {
	await app.db.transaction(async (tx) => {
		await tx
			.insert(safetyOnCall)
			.values({ siteId: site.id, userId: professionalId })
			.onConflictDoNothing();
		await raiseSafetyAlert(tx, {
			siteId: site.id,
			personId: memberId,
			source: 'checkin',
			sourceId: 'demo-recovery-checkin',
			groupId: null,
			reason: 'answer_rule'
		});
	});
}
