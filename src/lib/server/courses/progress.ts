// Where a member stands in a course: which lessons they opened and finished.
import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { lessonProgress } from './courses.schema';

export type Progress = Map<string, { openedAt: Date; doneAt: Date | null }>;

/** Progress of some enrolments (all the actor's own), by lesson id, per enrolment. */
export async function progressOf(
	db: Db | Tx,
	enrolmentIds: readonly string[]
): Promise<Map<string, Progress>> {
	const result = new Map<string, Progress>(enrolmentIds.map((id) => [id, new Map()]));
	if (enrolmentIds.length === 0) return result;
	const rows = await db
		.select()
		.from(lessonProgress)
		.where(inArray(lessonProgress.enrolmentId, [...enrolmentIds]));
	for (const r of rows)
		result.get(r.enrolmentId)?.set(r.lessonId, { openedAt: r.openedAt, doneAt: r.doneAt });
	return result;
}

/**
 * Where the member left off: the lesson they last opened, unless it is done, then the next lesson
 * not done after it (else the first not done anywhere); the first lesson for someone who has not
 * started; the last one when everything is done.
 */
export function continueAt<T extends { id: string }>(
	list: readonly T[],
	progress: Progress,
	lastLessonId: string | null
): T | undefined {
	const notDone = (l: T) => !progress.get(l.id)?.doneAt;
	const last = list.findIndex((l) => l.id === lastLessonId);
	if (last >= 0) {
		const lesson = list[last];
		if (lesson && notDone(lesson)) return lesson;
		const after = list.slice(last + 1).find(notDone);
		if (after) return after;
	}
	return list.find(notDone) ?? list[list.length - 1];
}

/** How many of the listed lessons are done. */
export const doneCount = (list: readonly { id: string }[], progress: Progress): number =>
	list.filter((l) => progress.get(l.id)?.doneAt).length;
