import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/client';
import type { Site } from '../sites/sites.schema';
import {
	groupFacilitators,
	groupMembers,
	groupProgrammes,
	groups,
	groupSessions,
	programmeVersions
} from '../groups/groups.schema';
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
	const [programme] = await tx
		.insert(groupProgrammes)
		.values({ siteId: site.id, slug: 'open-circle', kind: 'ongoing', rhythm: 'weekly' })
		.returning({ id: groupProgrammes.id });
	if (!programme) throw new Error('demo programme not inserted');
	await tx.insert(programmeVersions).values({
		programmeId: programme.id,
		locale: 'en',
		version: 1,
		status: 'published',
		source: '',
		content: {
			title: 'Open circle',
			summary: 'A weekly peer group to share how the week went and what helped.',
			agreement:
				'What is said in the group stays in the group. We listen, we are kind, and we say when we need a break.',
			fidelityItems: [],
			sessions: []
		}
	});
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
