import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { user } from '../db/auth.schema';
import { lessonVersions } from './courses.schema';
import { lessonForEditing } from './lesson-authoring';

export type LessonVersionRow = {
	version: number;
	status: 'draft' | 'published';
	author: string | null;
	createdAt: Date;
};

/**
 * A lesson's versions in one language, newest first, and (when `view` names one) that version's
 * rendered text.
 */
export async function listLessonVersions({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string; view?: number | undefined };
}): Promise<{
	versions: LessonVersionRow[];
	viewed: { version: number; title: string; html: string } | null;
}> {
	const { lesson } = await lessonForEditing(db, actor, input);
	const rows = await db
		.select({
			version: lessonVersions.version,
			status: lessonVersions.status,
			author: user.name,
			createdAt: lessonVersions.createdAt,
			title: lessonVersions.title,
			html: lessonVersions.content
		})
		.from(lessonVersions)
		.leftJoin(user, eq(user.id, lessonVersions.createdBy))
		.where(and(eq(lessonVersions.lessonId, lesson.id), eq(lessonVersions.locale, input.locale)))
		.orderBy(desc(lessonVersions.version));
	const viewed = rows.find((r) => r.version === input.view);
	return {
		versions: rows.map((r) => ({
			version: r.version,
			status: r.status,
			author: r.author,
			createdAt: r.createdAt
		})),
		viewed: viewed ? { version: viewed.version, title: viewed.title, html: viewed.html.html } : null
	};
}
