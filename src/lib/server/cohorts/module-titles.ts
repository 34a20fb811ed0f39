import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { courseModules, moduleTexts } from '../courses/courses.schema';
import { pickLocale } from '../i18n/pick-locale';

/** A course's modules in order, each titled in the person's language (or the fallbacks). */
export async function moduleTitlesOf(
	tx: Db | Tx,
	courseId: string,
	locale: string,
	siteDefault: string
): Promise<{ id: string; position: number; title: string }[]> {
	const mods = await tx
		.select()
		.from(courseModules)
		.where(eq(courseModules.courseId, courseId))
		.orderBy(asc(courseModules.position));
	if (mods.length === 0) return [];
	const texts = await tx
		.select()
		.from(moduleTexts)
		.where(
			inArray(
				moduleTexts.moduleId,
				mods.map((m) => m.id)
			)
		);
	return mods.map((m, i) => ({
		id: m.id,
		position: i + 1,
		title:
			pickLocale(
				texts.filter((t) => t.moduleId === m.id),
				locale,
				siteDefault
			)?.title ?? m.slug
	}));
}
