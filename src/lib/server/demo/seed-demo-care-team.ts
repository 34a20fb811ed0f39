// The demo member's care team, so the care team page, the caseload and Today show something at
// once: the demo professional is her care coordinator and the demo peer worker is on her team,
// both from a month ago. Runs once, with the rest of the demo site (seed-demo.ts returns early
// when the site exists), and writes the operator's audit records as the rest of the seed does.
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import type { Site } from '../sites/sites.schema';
import { addDays, dayOf } from '../dates/calendar';
import { careTeamAssignments, type CareRole } from '../care-team/care-team.schema';

export async function seedDemoCareTeam({
	app,
	site,
	memberId,
	professionalId,
	peerId
}: {
	app: App;
	site: Site;
	memberId: string;
	professionalId: string;
	peerId: string;
}): Promise<void> {
	const startedOn = addDays(dayOf(new Date(), site.timeZone), -30);
	const team: [string, CareRole][] = [
		[professionalId, 'care_coordinator'],
		[peerId, 'peer_worker']
	];
	await app.db.transaction(async (tx) => {
		for (const [supporterId, role] of team) {
			const [row] = await tx
				.insert(careTeamAssignments)
				.values({ siteId: site.id, memberId, supporterId, role, startedOn })
				.returning({ id: careTeamAssignments.id });
			await recordAudit(tx, {
				actorUserId: null,
				actingRole: 'operator',
				siteId: site.id,
				action: 'care_team.assign',
				entityType: 'care_team_assignment',
				entityId: row?.id ?? null,
				outcome: 'success',
				ip: null,
				details: { role }
			});
		}
	});
}
