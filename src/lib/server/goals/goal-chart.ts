import { addDays, dayOf, daysBetween, weekStart } from '../dates/calendar';
import type { Goal, GoalStep } from './goal-access';

/** One week of a goal's life: the Monday it starts and how many steps were done by its end. */
export type ChartWeek = { week: string; done: number };

/** Beyond this many weeks the chart shows the most recent ones; a page must stay light. */
const MAX_WEEKS = 104;

/**
 * Cumulative steps done per week, from the week the goal was set to the week it ended (achieved or
 * set aside) or to this week while it is active. Weeks are counted in the site's time zone.
 */
export function weeklyProgress(
	goal: Pick<Goal, 'createdAt' | 'updatedAt' | 'status'>,
	steps: readonly Pick<GoalStep, 'status' | 'doneAt'>[],
	timeZone: string,
	now: Date = new Date()
): ChartWeek[] {
	const doneDays = steps
		.filter((s) => s.status === 'done' && s.doneAt)
		.map((s) => dayOf(s.doneAt ?? now, timeZone))
		.sort();
	const first = weekStart(dayOf(goal.createdAt, timeZone));
	const endInstant = goal.status === 'active' ? now : goal.updatedAt;
	const lastDone = doneDays.at(-1);
	let last = weekStart(dayOf(endInstant, timeZone));
	if (lastDone && lastDone > last) last = weekStart(lastDone);
	if (last < first) last = first;
	const count = Math.min(Math.floor(daysBetween(first, last) / 7) + 1, MAX_WEEKS);
	const weeks: ChartWeek[] = [];
	for (let i = count - 1; i >= 0; i--) {
		const week = addDays(last, -7 * i);
		const end = addDays(week, 6);
		weeks.push({ week, done: doneDays.filter((d) => d <= end).length });
	}
	return weeks;
}
