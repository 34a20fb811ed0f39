// The courses' card on Today: the lesson to continue in each course the member is taking.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import type { TodaySource } from '../today/today-card';
import { listLessonsToContinue } from './continue-learning';
import { listCourseContent } from './list-course-content';
import { languageNameIn } from '../i18n/locale';

export const continueLearningCard: TodaySource = {
	key: 'courses-continue',
	order: 30,
	appliesTo: (actor) => mayUse(actor, 'courses.learn'),
	async load({ db, actor, locale }) {
		const lessons = await listLessonsToContinue({ db, actor, input: { locale, limit: 1 } });
		if (lessons.length === 0) return null;
		return {
			key: 'courses-continue',
			title: t('today_courses_title'),
			items: lessons.map((l) => ({
				text: l.lessonTitle,
				lang: l.lessonLocale,
				href: `/courses/${encodeURIComponent(l.courseSlug)}/${encodeURIComponent(l.segment)}`,
				context: { text: l.courseTitle, lang: l.courseLocale },
				detail: t('courses_progress', { done: l.done, total: l.total })
			})),
			more: { label: t('today_courses_more'), href: '/courses' }
		};
	}
};

/** Courses with lessons not yet published in one of the site's languages, for content editors. */
export const missingTranslationsCard: TodaySource = {
	key: 'courses-translations',
	order: 60,
	appliesTo: (actor) => mayUse(actor, 'courses.edit'),
	async load({ db, actor, locale }) {
		const content = await listCourseContent({ db, actor, input: { locale } });
		const gaps = content.courses
			.map((c) => ({
				...c,
				languages: Object.entries(c.missing)
					.filter(([, n]) => n > 0)
					.map(([l]) => languageNameIn(l, locale))
			}))
			.filter((c) => c.languages.length > 0);
		if (gaps.length === 0) return null;
		return {
			key: 'courses-translations',
			title: t('today_translations_title'),
			items: gaps.slice(0, 5).map((c) => ({
				text: c.title,
				href: `/admin/courses/${encodeURIComponent(c.slug)}`,
				detail: t('today_translations_missing', {
					languages: new Intl.ListFormat(locale, { type: 'conjunction' }).format(c.languages)
				})
			})),
			more: { label: t('today_translations_more'), href: '/admin/courses' }
		};
	}
};
