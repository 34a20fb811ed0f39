// The courses' card on Today: the lesson to continue in each course the member is taking.
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import type { TodaySource } from '../today/today-card';
import { listLessonsToContinue } from './continue-learning';

export const continueLearningCard: TodaySource = {
	key: 'courses-continue',
	order: 30,
	appliesTo: (actor) => mayUse(actor, 'courses.learn'),
	async load({ db, actor, locale }) {
		const lessons = await listLessonsToContinue({ db, actor, input: { locale, limit: 2 } });
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
