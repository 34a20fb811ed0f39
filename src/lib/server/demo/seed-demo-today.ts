// The demo member's Today, so people trying Kith see it filled: a course begun (its first lesson
// done, so the second is the one to continue) and a goal with a step due in two days. The demo
// group (seed-demo-group.ts) gives the next session.
import { asc, eq, sql } from 'drizzle-orm';
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import type { Site } from '../sites/sites.schema';
import { addDays, dayOf } from '../dates/calendar';
import { courses, enrolments, lessonProgress } from '../courses/courses.schema';
import { publishedLessons } from '../courses/course-outline';
import { goals, goalSteps } from '../goals/goals.schema';

/** The course the demo member has begun. */
export const DEMO_COURSE = 'relaxation-and-wellbeing';

export async function seedDemoToday({
	app,
	site,
	memberId
}: {
	app: App;
	site: Site;
	memberId: string;
}): Promise<void> {
	const today = dayOf(new Date(), site.timeZone);
	await app.db.transaction(async (tx) => {
		// The shipped course of that name; any other course when it is not there (a test's folder).
		const [course] = await tx
			.select({ id: courses.id })
			.from(courses)
			.where(eq(courses.siteId, site.id))
			.orderBy(sql`${courses.slug} = ${DEMO_COURSE} desc`, asc(courses.slug))
			.limit(1);
		const first = course ? (await publishedLessons(tx, [course.id]))[0] : undefined;
		if (course && first) {
			const [enrolment] = await tx
				.insert(enrolments)
				.values({ siteId: site.id, courseId: course.id, userId: memberId, lastLessonId: first.id })
				.returning({ id: enrolments.id });
			if (!enrolment) throw new Error('demo enrolment not inserted');
			await tx
				.insert(lessonProgress)
				.values({ enrolmentId: enrolment.id, lessonId: first.id, doneAt: new Date() });
			await recordAudit(tx, {
				actorUserId: null,
				actingRole: 'operator',
				siteId: site.id,
				action: 'course.enrol',
				entityType: 'enrolment',
				entityId: enrolment.id,
				outcome: 'success',
				ip: null,
				details: { courseId: course.id, demo: true }
			});
		}
		const [goal] = await tx
			.insert(goals)
			.values({ siteId: site.id, userId: memberId, text: 'Feel more at ease with people' })
			.returning({ id: goals.id });
		if (!goal) throw new Error('demo goal not inserted');
		await tx.insert(goalSteps).values([
			{
				goalId: goal.id,
				text: 'Say hello to a neighbour',
				status: 'done',
				position: 0,
				doneAt: new Date()
			},
			{
				goalId: goal.id,
				text: 'Go for a coffee with a friend',
				targetDate: addDays(today, 2),
				status: 'open',
				position: 1
			}
		]);
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: 'operator',
			siteId: site.id,
			action: 'goal.create',
			entityType: 'goal',
			entityId: goal.id,
			outcome: 'success',
			ip: null,
			details: { demo: true }
		});
	});
}
