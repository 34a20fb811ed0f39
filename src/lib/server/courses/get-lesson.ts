import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import type { AuditAction } from '../audit/actions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { logger } from '../logger';
import { enrolments, lessonProgress, lessonVersions, reflections } from './courses.schema';
import { courseTextsOf } from './course-texts';
import { findCourse, lessonAt, loadOutline } from './course-outline';
import { findEnrolment } from './enrolled-lesson';
import { openReflection } from './reflection-text';

type Link = { segment: string; title: string; locale: string } | null;

export type LessonView = {
	course: { slug: string; title: string; locale: string; isSample: boolean };
	module: { title: string };
	lesson: {
		segment: string;
		title: string;
		/** The language shown; differs from the person's when no translation is published yet. */
		locale: string;
		translated: boolean;
		/** Every language the lesson is published in, to offer when it is not in the person's. */
		locales: string[];
		minutes: number | null;
		done: boolean;
	};
	position: { index: number; total: number };
	prev: Link;
	next: Link;
	/** The lesson itself, for enrolled members only; the person's own reflections decrypted. */
	content: {
		html: string;
		checks: { key: string; question: string; options: string[] }[];
		reflections: { key: string; prompt: string; body: string }[];
		homeAssignment: string | null;
		audio: { src: string; transcript?: string } | null;
	} | null;
};

/**
 * A lesson of a course of the actor's site, in their language (else the site's default, else
 * any). For an enrolled member opening it is remembered (first opened, and where to resume) and
 * their reflections on it are decrypted; both are audited. Answers are not sent to the page.
 */
export async function getLesson({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string };
}): Promise<LessonView> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	const { db } = app;
	const course = await findCourse(db, site.id, input.course);
	const [outline, texts] = await Promise.all([
		loadOutline(db, course, input.locale, site.defaultLocale),
		courseTextsOf(db, [course.id], input.locale, site.defaultLocale)
	]);
	const lesson = lessonAt(outline, input.lesson);
	const index = outline.lessons.indexOf(lesson);
	const link = (i: number): Link => {
		const l = outline.lessons[i];
		return l ? { segment: l.segment, title: l.title, locale: l.locale } : null;
	};
	const text = texts.get(course.id);
	const view: LessonView = {
		course: {
			slug: course.slug,
			title: text?.title ?? course.slug,
			locale: text?.locale ?? site.defaultLocale,
			isSample: course.isSample
		},
		module: { title: outline.modules.find((mod) => mod.id === lesson.moduleId)?.title ?? '' },
		lesson: {
			segment: lesson.segment,
			title: lesson.title,
			locale: lesson.locale,
			translated: lesson.locale === input.locale,
			locales: lesson.locales,
			minutes: lesson.minutes,
			done: false
		},
		position: { index: index + 1, total: outline.lessons.length },
		prev: link(index - 1),
		next: link(index + 1),
		content: null
	};

	return db.transaction(async (tx) => {
		const enrolment = await findEnrolment(tx, {
			siteId: site.id,
			userId: actor.userId,
			courseId: course.id
		});
		if (!enrolment) return view;
		const [version] = await tx
			.select({ content: lessonVersions.content })
			.from(lessonVersions)
			.where(eq(lessonVersions.id, lesson.versionId))
			.limit(1);
		if (!version) throw notFound();

		const audit = (
			action: AuditAction,
			entityType: string,
			details: Record<string, number | string>
		) => recordActorAudit(tx, actor, { action, entityType, entityId: lesson.id, details });

		// Remember the first opening and where to resume; a reload changes (and records) nothing.
		const [opened] = await tx
			.insert(lessonProgress)
			.values({ enrolmentId: enrolment.id, lessonId: lesson.id })
			.onConflictDoNothing()
			.returning({ lessonId: lessonProgress.lessonId });
		const moved = enrolment.lastLessonId !== lesson.id;
		if (moved)
			await tx
				.update(enrolments)
				.set({ lastLessonId: lesson.id })
				.where(eq(enrolments.id, enrolment.id));
		if (opened || moved) await audit('lesson.open', 'lesson', { enrolmentId: enrolment.id });

		const [progress] = await tx
			.select({ doneAt: lessonProgress.doneAt })
			.from(lessonProgress)
			.where(
				and(eq(lessonProgress.enrolmentId, enrolment.id), eq(lessonProgress.lessonId, lesson.id))
			);
		const saved = await tx
			.select()
			.from(reflections)
			.where(
				and(
					eq(reflections.siteId, site.id),
					eq(reflections.userId, actor.userId),
					eq(reflections.lessonId, lesson.id)
				)
			);
		if (saved.length > 0) await audit('reflection.read', 'lesson', { count: saved.length });
		const bodyOf = (key: string): string => {
			const row = saved.find((r) => r.promptKey === key);
			if (!row) return '';
			try {
				return openReflection(app.config.secret, row, row.bodyEncrypted);
			} catch {
				// A changed KITH_SECRET or an altered row: the lesson still opens, and the operator
				// learns which row (never its text).
				logger.error({ reflectionId: row.id }, 'reflection cannot be decrypted');
				return '';
			}
		};

		const c = version.content;
		return {
			...view,
			lesson: { ...view.lesson, done: !!progress?.doneAt },
			content: {
				html: c.html,
				checks: c.checks.map((check) => ({
					key: check.key,
					question: check.question,
					options: check.options.map((o) => o.text)
				})),
				reflections: c.reflections.map((r) => ({
					key: r.key,
					prompt: r.prompt,
					body: bodyOf(r.key)
				})),
				homeAssignment: c.homeAssignment?.text ?? null,
				audio: c.audio
			}
		};
	});
}
