import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { AppError } from '../errors';
import { proposeStepFromLesson } from '../goals/propose-step-from-lesson';
import { enrolledLesson } from './enrolled-lesson';

/** Goal steps hold at most this many characters (goals.validation.ts, zStepText). */
const STEP_MAX = 300;

/**
 * Offers a lesson's home assignment to the actor's goals as a proposed step (they accept, change
 * or decline it on the goal). The text is the lesson's own, in the language they read it in,
 * never what the browser sent. Returns the goal it was added to.
 */
export async function addAssignmentStep({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { course: string; lesson: string; locale: string };
}): Promise<{ goalId: string }> {
	requireUseCase(actor, 'courses.learn');
	const site = requireSite(actor);
	const { lesson, content } = await enrolledLesson(db, {
		siteId: site.id,
		siteDefault: site.defaultLocale,
		userId: actor.userId,
		...input
	});
	const text = content.homeAssignment?.text.trim();
	if (!text) throw new AppError('invalid_input', { assignment: 'err_invalid' });
	// A long assignment becomes a step that starts the same way; the lesson keeps the full text.
	const step = text.length > STEP_MAX ? `${text.slice(0, STEP_MAX - 1).trimEnd()}…` : text;
	const goalId = await proposeStepFromLesson({
		db,
		actor,
		input: { lessonId: lesson.id, text: step }
	});
	return { goalId };
}
