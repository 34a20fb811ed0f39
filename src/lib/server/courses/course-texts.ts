import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { pickLocale } from '../i18n/pick-locale';
import { courseTexts } from './courses.schema';

/** Each course's title and summary in the person's language (or the fallbacks of pickLocale). */
export async function courseTextsOf(
	db: Db | Tx,
	courseIds: readonly string[],
	locale: string,
	siteDefault: string
): Promise<Map<string, { title: string; summary: string; locale: string }>> {
	const result = new Map<string, { title: string; summary: string; locale: string }>();
	if (courseIds.length === 0) return result;
	const rows = await db
		.select()
		.from(courseTexts)
		.where(inArray(courseTexts.courseId, [...courseIds]));
	for (const id of courseIds) {
		const text = pickLocale(
			rows.filter((r) => r.courseId === id),
			locale,
			siteDefault
		);
		if (text) result.set(id, { title: text.title, summary: text.summary, locale: text.locale });
	}
	return result;
}
