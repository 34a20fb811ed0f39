// A peer group ready for tests: a programme with one published English version, a group led by
// two peer workers, members who accepted the agreement, and sessions an hour long, a week apart.
import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import type { Site } from '../sites/sites.schema';
import type { Actor } from '../access/actor';
import { groupFacilitators, groupMembers, groups, groupSessions } from '../groups/groups.schema';
import {
	groupProgrammes,
	programmeVersions,
	type ProgrammeContent
} from '../programmes/programmes.schema';
import { profiles } from '../people/people.schema';
import { eq } from 'drizzle-orm';
import { makePerson, rand } from './factories';

export type TestGroup = {
	groupId: string;
	programmeId: string;
	facilitators: Actor[];
	members: Actor[];
	sessionIds: string[];
};

export const testProgrammeContent = (sessions: number): ProgrammeContent => ({
	title: 'Test paths',
	summary: 'A programme for tests.',
	agreement: 'We keep what is said here in the group.',
	fidelityItems: [
		{ key: 'agreement-revisited', label: 'Agreement revisited' },
		{ key: 'everyone-invited', label: 'Everyone invited to speak' }
	],
	sessions: Array.from({ length: sessions }, (_, i) => ({
		number: i + 1,
		theme: `Theme ${i + 1}`,
		guide: `Guide for session ${i + 1}.`
	}))
});

export async function makeGroup(
	app: App,
	site: Site,
	opts: {
		members?: number;
		sessions?: number;
		capacity?: number;
		enrolment?: 'open' | 'request' | 'invitation';
		firstSessionAt?: Date;
		delivery?: 'live' | 'in_person' | 'video';
	} = {}
): Promise<TestGroup> {
	const sessions = opts.sessions ?? 3;
	const facilitators = [
		(await makePerson(app, site, ['peer_worker'])).actor,
		(await makePerson(app, site, ['peer_worker'])).actor
	];
	const members: Actor[] = [];
	for (let i = 0; i < (opts.members ?? 2); i++) {
		const { actor } = await makePerson(app, site, ['member']);
		await app.db
			.update(profiles)
			.set({ pseudonym: `Pseudo-${rand()}` })
			.where(eq(profiles.userId, actor.userId));
		members.push(actor);
	}
	const first = opts.firstSessionAt ?? new Date(Date.now() + 24 * 3600_000);
	return app.db.transaction(async (tx) => {
		const [programme] = await tx
			.insert(groupProgrammes)
			.values({ siteId: site.id, slug: `paths-${rand()}`, kind: 'course', sessionCount: sessions })
			.returning({ id: groupProgrammes.id });
		if (!programme) throw new Error('programme not inserted');
		await tx.insert(programmeVersions).values({
			programmeId: programme.id,
			locale: 'en',
			version: 1,
			status: 'published',
			source: '',
			content: testProgrammeContent(sessions)
		});
		const [group] = await tx
			.insert(groups)
			.values({
				siteId: site.id,
				programmeId: programme.id,
				name: `Group ${rand()}`,
				locale: 'en',
				capacity: opts.capacity ?? 10,
				enrolment: opts.enrolment ?? 'open',
				createdBy: facilitators[0]?.userId ?? ''
			})
			.returning({ id: groups.id });
		if (!group) throw new Error('group not inserted');
		for (const f of facilitators)
			await tx
				.insert(groupFacilitators)
				.values({ groupId: group.id, userId: f.userId, kind: 'peer' });
		for (const m of members)
			await tx.insert(groupMembers).values({
				groupId: group.id,
				userId: m.userId,
				status: 'member',
				agreementAcceptedAt: new Date(),
				calendarToken: randomBytes(24).toString('base64url')
			});
		const sessionIds: string[] = [];
		for (let i = 0; i < sessions; i++) {
			const startsAt = new Date(first.getTime() + i * 7 * 24 * 3600_000);
			const [s] = await tx
				.insert(groupSessions)
				.values({
					groupId: group.id,
					number: i + 1,
					startsAt,
					endsAt: new Date(startsAt.getTime() + 3600_000),
					delivery: opts.delivery ?? 'live'
				})
				.returning({ id: groupSessions.id });
			if (!s) throw new Error('session not inserted');
			sessionIds.push(s.id);
		}
		return { groupId: group.id, programmeId: programme.id, facilitators, members, sessionIds };
	});
}
