import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import type { CourseCategory } from './courses.schema';
import { continueAt, doneCount, progressOf } from './progress';
import { courseTextsOf } from './course-texts';
import { findCourse, loadOutline } from './course-outline';
import { findEnrolment } from './enrolled-lesson';

export type CourseView = {
	slug: string;
	category: CourseCategory;
	title: string;
	summary: string;
	locale: string;
	isSample: boolean;
	modules: {
		slug: string;
		title: string;
		lessons: {
			segment: string;
			title: string;
			locale: string;
			minutes: number | null;
			done: boolean;
		}[];
	}[];
	/** The actor's own progress, when enrolled. */
	enrolment: { done: number; total: number; continueSegment: string | null } | null;
};

/** One course of the actor's site: modules, lessons and the actor's own ticks. */
export async function getCourse({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; locale: string };
}): Promise<CourseView> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	const course = await findCourse(db, site.id, input.course);
	const [texts, outline, enrolment] = await Promise.all([
		courseTextsOf(db, [course.id], input.locale, site.defaultLocale),
		loadOutline(db, course, input.locale, site.defaultLocale),
		findEnrolment(db, { siteId: site.id, userId: actor.userId, courseId: course.id })
	]);
	const progress = enrolment
		? ((await progressOf(db, [enrolment.id])).get(enrolment.id) ?? new Map())
		: new Map();
	const text = texts.get(course.id);
	return {
		slug: course.slug,
		category: course.category,
		title: text?.title ?? course.slug,
		summary: text?.summary ?? '',
		locale: text?.locale ?? site.defaultLocale,
		isSample: course.isSample,
		modules: outline.modules.map((mod) => ({
			slug: mod.slug,
			title: mod.title,
			lessons: mod.lessons.map((l) => ({
				segment: l.segment,
				title: l.title,
				locale: l.locale,
				minutes: l.minutes,
				done: !!progress.get(l.id)?.doneAt
			}))
		})),
		enrolment: enrolment
			? {
					done: doneCount(outline.lessons, progress),
					total: outline.lessons.length,
					continueSegment:
						continueAt(outline.lessons, progress, enrolment.lastLessonId)?.segment ?? null
				}
			: null
	};
}
