import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { Site } from '../sites/sites.schema';
import { groupFacilitators, groupMembers, groups, groupSessions } from '../groups/groups.schema';
import { groupProgrammes } from '../programmes/programmes.schema';
import { demoRoomIds } from './demo-room-ids';

/**
 * A small ongoing peer group on the demo site, led by the demo peer worker, with the demo member
 * in it (agreement accepted) and one live session starting now, ready for its room to be opened.
 */
export async function seedDemoRoom(
	tx: Tx,
	site: Site,
	people: { facilitatorId: string; memberId: string }
): Promise<void> {
	const ids = demoRoomIds(site.slug);
	// The shipped ongoing programme, imported just before.
	const [programme] = await tx
		.select({ id: groupProgrammes.id })
		.from(groupProgrammes)
		.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, 'peer-circle')))
		.limit(1);
	if (!programme) throw new Error('the peer-circle programme is missing');
	await tx.insert(groups).values({
		id: ids.groupId,
		siteId: site.id,
		programmeId: programme.id,
		name: 'Thursday open circle',
		locale: 'en',
		createdBy: people.facilitatorId
	});
	await tx
		.insert(groupFacilitators)
		.values({ groupId: ids.groupId, userId: people.facilitatorId, kind: 'peer' });
	await tx.insert(groupMembers).values({
		groupId: ids.groupId,
		userId: people.memberId,
		status: 'member',
		agreementAcceptedAt: new Date(),
		calendarToken: randomBytes(24).toString('base64url')
	});
	const startsAt = new Date();
	await tx.insert(groupSessions).values({
		id: ids.sessionId,
		groupId: ids.groupId,
		startsAt,
		endsAt: new Date(startsAt.getTime() + 90 * 60_000),
		delivery: 'live'
	});
}
