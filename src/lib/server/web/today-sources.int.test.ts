import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { makeCourse } from '../testing/course-factory';
import type { Actor } from '../access/actor';
import { auditLog } from '../audit/audit.schema';
import { addDays, dayOf } from '../dates/calendar';
import { enrolments, lessonProgress } from '../courses/courses.schema';
import { goals, goalSteps } from '../goals/goals.schema';
import { groupSessions, reminderDeliveries } from '../groups/groups.schema';
import { moderationItems } from '../moderation/moderation.schema';
import { invitations } from '../people/people.schema';
import { goalShares } from '../goals/goals.schema';
import { companionRequests } from '../companionship/companionship.schema';
import { composeToday, type TodaySource } from '../today/today-card';
import { crisisCard } from '../sites/today-card';
import { todaySources } from './today-sources';
import { postThread } from '../board/post-to-board';

describe.each(dbKinds)('Today on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const today = (
		actor: Actor,
		sources: readonly TodaySource[] = todaySources,
		pseudonym: string | null = 'Robin'
	) =>
		composeToday(sources, {
			db: app.db,
			actor,
			locale: 'en',
			zone: actor.site?.timeZone ?? 'UTC',
			now: new Date(),
			pseudonym
		});
	const keys = async (actor: Actor) => (await today(actor)).map((c) => c.key);

	async function goalWithSteps(actor: Actor, steps: { text: string; in: number }[]) {
		const [goal] = await app.db
			.insert(goals)
			.values({ siteId: actor.site?.id ?? '', userId: actor.userId, text: 'Sleep better' })
			.returning();
		const day = dayOf(new Date(), actor.site?.timeZone ?? 'UTC');
		await app.db.insert(goalSteps).values(
			steps.map((s, i) => ({
				goalId: goal?.id ?? '',
				text: s.text,
				targetDate: addDays(day, s.in),
				status: 'open' as const,
				position: i
			}))
		);
	}

	it("names crisis contacts in the reader's language where the site wrote it", async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const contacts = [
			{
				name: 'Night line',
				phone: '+45 70 00 00 00',
				hours: '18:00-02:00',
				words: { he: { name: 'קו לילה', hours: '18:00-02:00' } }
			}
		];
		const inHebrew = await composeToday([crisisCard], {
			db: app.db,
			actor: { ...actor, site: { ...site, defaultLocale: 'en', crisisContacts: contacts } },
			locale: 'he',
			zone: 'UTC',
			now: new Date(),
			pseudonym: 'Robin'
		});
		expect(inHebrew[0]?.items[0]).toMatchObject({
			text: 'קו לילה',
			lang: 'he',
			phone: '+45 70 00 00 00'
		});
	});

	it('shows a new member crisis help and where to write a safety plan, nothing else', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const cards = await today(actor);
		expect(cards.map((c) => c.key)).toEqual(['crisis', 'safety-plan']);
		expect(cards.every((c) => c.standing)).toBe(true);
		expect(cards[0]?.items.map((i) => i.phone)).toEqual(
			site.crisisContacts
				.filter((c) => c.phone)
				.slice(0, 2)
				.map((c) => c.phone)
		);
	});

	it('welcomes a member who has not chosen their group name yet, and explains who sees what', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const cards = await today(actor, todaySources, null);
		expect(cards.map((c) => c.key)).toEqual(['crisis', 'people-first-steps', 'safety-plan']);
		expect(cards.every((c) => c.standing)).toBe(true);
		expect(cards[1]?.items.at(-1)?.action?.href).toBe('/profile');
		// Not for staff, who are known by their own name.
		const { actor: peer } = await makePerson(app, site, ['peer_worker'], {
			twoFactorEnabled: true
		});
		expect(await today(peer, todaySources, null)).toEqual([]);
	});

	it("gives a member their next session, the lesson to continue and this week's steps", async () => {
		const site = await makeSite(app);
		const group = await makeGroup(app, site, { members: 1 });
		const member = group.members[0] as Actor;
		const course = await makeCourse(app, site, { lessons: 3 });
		const [enrolment] = await app.db
			.insert(enrolments)
			.values({
				siteId: site.id,
				courseId: course.id,
				userId: member.userId,
				lastLessonId: course.lessons[0]?.id
			})
			.returning();
		await app.db.insert(lessonProgress).values({
			enrolmentId: enrolment?.id ?? '',
			lessonId: course.lessons[0]?.id ?? '',
			doneAt: new Date()
		});
		await goalWithSteps(member, [
			{ text: 'Late step', in: -2 },
			{ text: 'Step this week', in: 3 },
			{ text: 'Step next month', in: 30 }
		]);

		const cards = await today(member);
		expect(cards.map((c) => c.key)).toEqual([
			'crisis',
			'safety-plan',
			'groups-next',
			'courses-continue',
			'goals-due'
		]);
		const [, , sessions, lessons, steps] = cards;
		expect(sessions?.items).toHaveLength(1);
		expect(sessions?.items[0]?.href).toBe(`/groups/${group.groupId}`);
		expect(sessions?.items[0]?.action).toBeUndefined();
		expect(lessons?.items[0]).toMatchObject({
			text: 'Lesson 2 (en)',
			href: `/courses/${course.slug}/lesson-2`,
			detail: '1 of 3 lessons done'
		});
		expect(steps?.items.map((i) => [i.text, i.tone])).toEqual([
			['Late step', 'warn'],
			['Step this week', undefined]
		]);
		// Reading one's goals for Today is audited like the goals page.
		const audits = await app.db
			.select({ details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, member.userId), eq(auditLog.action, 'goal.list')));
		expect(audits.map((a) => a.details)).toEqual([{ view: 'today', steps: 2 }]);
	});

	it('offers the live room while a session is on, and only for groups on the actor’s site', async () => {
		const site = await makeSite(app);
		const group = await makeGroup(app, site, {
			members: 1,
			firstSessionAt: new Date(Date.now() + 5 * 60_000)
		});
		const member = group.members[0] as Actor;
		const cards = await today(member);
		const item = cards.find((c) => c.key === 'groups-next')?.items[0];
		expect(item?.action?.href).toBe(
			`/groups/${group.groupId}/sessions/${group.sessionIds[0]}/room`
		);
		// The same person seen on another site (no group there) has no session card.
		const other = await makeSite(app);
		expect(await keys({ ...member, site: other })).toEqual(['crisis', 'safety-plan']);
	});

	it('gives a facilitator today’s sessions and the logs still to write', async () => {
		const site = await makeSite(app);
		const group = await makeGroup(app, site, {
			firstSessionAt: new Date(Date.now() - 7 * 24 * 3600_000 - 2 * 3600_000),
			delivery: 'in_person'
		});
		const lead = group.facilitators[0] as Actor;
		// The second session (a week later) is today, two hours ago; move it to later today.
		await app.db
			.update(groupSessions)
			.set({ startsAt: new Date(Date.now() + 60_000), endsAt: new Date(Date.now() + 3600_000) })
			.where(eq(groupSessions.id, group.sessionIds[1] ?? ''));
		const cards = await today(lead);
		expect(cards.map((c) => c.key)).toEqual(['groups-facilitating']);
		expect(cards[0]?.items.map((i) => [i.href, i.tone])).toEqual([
			[`/groups/${group.groupId}/sessions/${group.sessionIds[1]}`, undefined],
			[`/groups/${group.groupId}/sessions/${group.sessionIds[0]}`, 'warn']
		]);
		expect(cards[0]?.items[1]?.detail).toMatch(/^Attendance and session log still to write/);
	});

	it('leaves out a card that fails and shows the others', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const broken: TodaySource = {
			key: 'broken',
			order: 1,
			appliesTo: () => true,
			load: () => Promise.reject(new Error('capability down'))
		};
		const cards = await today(actor, [broken, ...todaySources]);
		expect(cards.map((c) => c.key)).toEqual(['crisis', 'safety-plan']);
	});

	it('shows a moderator urgent items first with the oldest one’s wait, and the site admin figures only', async () => {
		const site = await makeSite(app);
		const group = await makeGroup(app, site, { members: 1 });
		const author = group.members[0] as Actor;
		const item = (urgency: 'urgent' | 'routine', hoursAgo: number) => ({
			siteId: site.id,
			groupId: group.groupId,
			targetType: 'board_post' as const,
			targetId: crypto.randomUUID(),
			authorId: author.userId,
			kind: urgency === 'urgent' ? ('risk' as const) : ('report' as const),
			urgency,
			reason: 'test',
			createdAt: new Date(Date.now() - hoursAgo * 3600_000)
		});
		await app.db
			.insert(moderationItems)
			.values([item('routine', 30), item('urgent', 3), item('routine', 1)]);
		const { actor: moderator } = await makePerson(app, site, ['moderator'], {
			twoFactorEnabled: true
		});
		const [card] = await today(moderator);
		expect(card?.key).toBe('moderation');
		expect(card?.tone).toBe('urgent');
		expect(card?.items.map((i) => [i.text, i.detail, i.href])).toEqual([
			['Urgent, waiting: 1', 'The oldest has waited 3 hours.', '/moderation'],
			['Open, waiting: 2', 'The oldest has waited 30 hours.', '/moderation']
		]);

		const { actor: admin } = await makePerson(app, site, ['site_admin'], {
			twoFactorEnabled: true
		});
		await app.db.insert(invitations).values({
			siteId: site.id,
			email: 'someone@test.kith.local',
			role: 'member',
			tokenHash: crypto.randomUUID(),
			expiresAt: new Date(Date.now() + 86_400_000)
		});
		const [session] = await app.db
			.select()
			.from(groupSessions)
			.where(eq(groupSessions.groupId, group.groupId));
		await app.db.insert(reminderDeliveries).values({
			sessionId: session?.id ?? '',
			userId: author.userId,
			channel: 'email',
			status: 'failed'
		});
		const cards = await today(admin);
		expect(cards.map((c) => c.key)).toEqual([
			'moderation',
			'groups-reminders-failed',
			'people-invitations'
		]);
		// The backlog as figures: nothing of the items opens for a site admin.
		expect(cards[0]?.title).toBe('Moderation backlog');
		expect(cards[0]?.items.every((i) => i.href === undefined)).toBe(true);
		expect(cards[1]?.items[0]?.text).toBe('Session reminders that failed this week: 1');
		expect(cards[2]?.items.map((i) => i.text)).toEqual([
			'Waiting for an answer: 1',
			'Running out within two days: 1'
		]);
		// Another site's admin sees none of it.
		const { actor: elsewhere } = await makePerson(app, await makeSite(app), ['site_admin'], {
			twoFactorEnabled: true
		});
		expect(await keys(elsewhere)).toEqual([]);
	});

	it('shows a carer what is shared with them, and their own crisis help', async () => {
		const site = await makeSite(app);
		const { actor: member } = await makePerson(app, site, ['member']);
		const { actor: carer } = await makePerson(app, site, ['carer']);
		expect(await keys(carer)).toEqual(['crisis']);
		await goalWithSteps(member, [{ text: 'Walk', in: 1 }]);
		const [goal] = await app.db.select().from(goals).where(eq(goals.userId, member.userId));
		await app.db
			.insert(goalShares)
			.values({ goalId: goal?.id ?? '', sharedWithUserId: carer.userId });
		const cards = await today(carer);
		expect(cards.map((c) => c.key)).toEqual(['crisis', 'goals-shared']);
		expect(cards[1]?.items[0]).toMatchObject({ text: 'Sleep better', detail: '0 of 1 steps done' });
		const reads = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, carer.userId), eq(auditLog.action, 'goal.read_shared')));
		expect(reads).toHaveLength(1);
	});

	it('shows a peer worker the people they accompany, and supervision when it is due', async () => {
		const site = await makeSite(app);
		const { actor: peer } = await makePerson(app, site, ['peer_worker'], {
			twoFactorEnabled: true
		});
		// Nobody to accompany: no card, and no companionship record read.
		expect(await keys(peer)).toEqual([]);
		const { actor: member } = await makePerson(app, site, ['member']);
		await app.db.insert(companionRequests).values({
			siteId: site.id,
			memberId: member.userId,
			status: 'active',
			peerId: peer.userId,
			acceptedAt: new Date(),
			endsAt: new Date(Date.now() + 90 * 86_400_000)
		});
		const [card] = await today(peer);
		expect(card?.key).toBe('companionship-peer');
		expect(card?.items.map((i) => [i.text, i.detail, i.tone])).toEqual([
			[member.name, 'No contact logged yet', 'warn'],
			['Time for supervision: none logged this month', undefined, 'warn']
		]);
		const reads = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, peer.userId), eq(auditLog.action, 'companionship.read')));
		expect(reads).toHaveLength(1);
	});

	it('puts a safety alert first on the Today of the facilitator who holds it, never on the writer’s', async () => {
		const site = await makeSite(app);
		const group = await makeGroup(app, site, { members: 1 });
		const writer = group.members[0] as Actor;
		const lead = group.facilitators[0] as Actor;
		await postThread({
			db: app.db,
			actor: writer,
			input: { groupId: group.groupId, title: 'Tonight', body: 'I want to die' }
		});
		const cards = await today(lead);
		expect(cards[0]?.key).toBe('safety-alerts');
		expect(cards[0]?.tone).toBe('urgent');
		expect(cards[0]?.items[0]?.href).toMatch(/^\/safety\/alerts\/[0-9a-f-]{36}$/);
		expect(await keys(writer)).not.toContain('safety-alerts');
	});
});
