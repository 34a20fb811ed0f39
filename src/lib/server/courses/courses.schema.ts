import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

export const courseCategories = [
	'psychoeducation',
	'skills',
	'employment',
	'complementary'
] as const;
export type CourseCategory = (typeof courseCategories)[number];

/** A course of one site (shipped courses are imported into each site that wants them). */
export const courses = pgTable(
	'courses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		slug: text('slug').notNull(),
		category: text('category', { enum: courseCategories }).notNull(),
		/** Shipped sample content carries a notice to review it with the clinical team. */
		isSample: boolean('is_sample').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('courses_site_slug').on(t.siteId, t.slug)]
);

/** A course's title and summary in one language. */
export const courseTexts = pgTable(
	'course_texts',
	{
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default('')
	},
	(t) => [uniqueIndex('course_texts_course_locale').on(t.courseId, t.locale)]
);

export const courseModules = pgTable(
	'course_modules',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('course_modules_course_slug').on(t.courseId, t.slug)]
);

export const moduleTexts = pgTable(
	'module_texts',
	{
		moduleId: uuid('module_id')
			.notNull()
			.references(() => courseModules.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		title: text('title').notNull()
	},
	(t) => [uniqueIndex('module_texts_module_locale').on(t.moduleId, t.locale)]
);

export const lessons = pgTable(
	'lessons',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		moduleId: uuid('module_id')
			.notNull()
			.references(() => courseModules.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		position: integer('position').notNull(),
		minutes: integer('minutes')
	},
	(t) => [uniqueIndex('lessons_module_slug').on(t.moduleId, t.slug)]
);

/**
 * Parsed lesson content: Markdown sections plus the interactive parts. Keys are stable within a
 * lesson so answers and reflections survive new versions.
 */
export type LessonContent = {
	/** Sanitised HTML rendered from the Markdown source, ready to show. */
	html: string;
	checks: {
		key: string;
		question: string;
		options: { text: string; correct: boolean }[];
		explanation: string;
	}[];
	reflections: { key: string; prompt: string }[];
	homeAssignment: { text: string } | null;
	audio: { src: string; transcript?: string } | null;
};

/** Every saved version of a lesson in one language; the newest published one is shown. */
export const lessonVersions = pgTable(
	'lesson_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		lessonId: uuid('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		version: integer('version').notNull(),
		title: text('title').notNull(),
		/** The Markdown source with front matter, exactly as written or imported. */
		source: text('source').notNull(),
		content: jsonb('content').$type<LessonContent>().notNull(),
		status: text('status', { enum: ['draft', 'published'] }).notNull(),
		createdBy: text('created_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('lesson_versions_lesson_locale_version').on(t.lessonId, t.locale, t.version),
		index('lesson_versions_lesson_locale_status').on(t.lessonId, t.locale, t.status)
	]
);

/** A person taking a course, self-paced (cohortId null) or in a facilitated cohort. */
export const enrolments = pgTable(
	'enrolments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		courseId: uuid('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		cohortId: uuid('cohort_id'),
		lastLessonId: uuid('last_lesson_id'),
		enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
		completedAt: timestamp('completed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('enrolments_course_user').on(t.courseId, t.userId),
		index('enrolments_user').on(t.userId)
	]
);

export const lessonProgress = pgTable(
	'lesson_progress',
	{
		enrolmentId: uuid('enrolment_id')
			.notNull()
			.references(() => enrolments.id, { onDelete: 'cascade' }),
		lessonId: uuid('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('lesson_progress_enrolment_lesson').on(t.enrolmentId, t.lessonId)]
);

export const checkAnswers = pgTable(
	'check_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		enrolmentId: uuid('enrolment_id')
			.notNull()
			.references(() => enrolments.id, { onDelete: 'cascade' }),
		lessonId: uuid('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		checkKey: text('check_key').notNull(),
		optionIndex: integer('option_index').notNull(),
		correct: boolean('correct').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('check_answers_enrolment_lesson').on(t.enrolmentId, t.lessonId)]
);

/** A private reflection. The text is encrypted at rest (AES-256-GCM, key from KITH_SECRET). */
export const reflections = pgTable(
	'reflections',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		lessonId: uuid('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		promptKey: text('prompt_key').notNull(),
		bodyEncrypted: text('body_encrypted').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('reflections_user_lesson_prompt').on(t.userId, t.lessonId, t.promptKey)]
);
