// The member's enrolment in a course, and the lesson they act on: the starting point of every
// write on a lesson. Scoped by site and the enrolment's owner; the use cases check permissions.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { notFound } from '../errors';
import { enrolments, lessonVersions, type LessonContent } from './courses.schema';
import {
	findCourse,
	lessonAt,
	loadOutline,
	type Course,
	type Outline,
	type OutlineLesson
} from './course-outline';

type Q = Db | Tx;
export type Enrolment = typeof enrolments.$inferSelect;

/** The actor's enrolment in a course of their site, if any. */
export async function findEnrolment(
	db: Q,
	input: { siteId: string; userId: string; courseId: string }
): Promise<Enrolment | undefined> {
	const [row] = await db
		.select()
		.from(enrolments)
		.where(
			and(
				eq(enrolments.siteId, input.siteId),
				eq(enrolments.userId, input.userId),
				eq(enrolments.courseId, input.courseId)
			)
		)
		.limit(1);
	return row;
}

/** The enrolment, or "not found": lessons' interactive parts are for enrolled members only. */
export async function requireEnrolment(
	db: Q,
	input: { siteId: string; userId: string; courseId: string }
): Promise<Enrolment> {
	const row = await findEnrolment(db, input);
	if (!row) throw notFound();
	return row;
}

/**
 * A lesson the actor is enrolled for, with its shown version's content: the starting point of
 * every write on a lesson. Unknown course or lesson, another site's, or not enrolled: not found.
 */
export async function enrolledLesson(
	db: Q,
	input: {
		siteId: string;
		siteDefault: string;
		userId: string;
		course: string;
		lesson: string;
		locale: string;
	}
): Promise<{
	course: Course;
	outline: Outline;
	lesson: OutlineLesson;
	enrolment: Enrolment;
	content: LessonContent;
}> {
	const course = await findCourse(db, input.siteId, input.course);
	const outline = await loadOutline(db, course, input.locale, input.siteDefault);
	const lesson = lessonAt(outline, input.lesson);
	const enrolment = await requireEnrolment(db, {
		siteId: input.siteId,
		userId: input.userId,
		courseId: course.id
	});
	const [version] = await db
		.select({ content: lessonVersions.content })
		.from(lessonVersions)
		.where(eq(lessonVersions.id, lesson.versionId))
		.limit(1);
	if (!version) throw notFound();
	return { course, outline, lesson, enrolment, content: version.content };
}
