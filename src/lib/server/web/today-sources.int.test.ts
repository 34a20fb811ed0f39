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
import { groupSessions } from '../groups/groups.schema';
import { composeToday, type TodaySource } from '../today/today-card';
import { todaySources } from './today-sources';

describe.each(dbKinds)('Today on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const today = (actor: Actor, sources: readonly TodaySource[] = todaySources) =>
		composeToday(sources, {
			db: app.db,
			actor,
			locale: 'en',
			zone: actor.site?.timeZone ?? 'UTC',
			now: new Date()
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

	it('shows a new member crisis help and nothing else, so the page offers where to start', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const cards = await today(actor);
		expect(cards.map((c) => c.key)).toEqual(['crisis']);
		expect(cards.every((c) => c.standing)).toBe(true);
		expect(cards[0]?.items.map((i) => i.phone)).toEqual(
			site.crisisContacts
				.filter((c) => c.phone)
				.slice(0, 2)
				.map((c) => c.phone)
		);
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
			'groups-next',
			'courses-continue',
			'goals-due'
		]);
		const [, sessions, lessons, steps] = cards;
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
		expect(await keys({ ...member, site: other })).toEqual(['crisis']);
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
		expect(cards.map((c) => c.key)).toEqual(['crisis']);
	});
});
