// Goal records as pages show them: dates formatted for the reader, nothing the page does not need.
import { formatDate } from '../../format';
import type { GoalStep } from './goal-access';

export type StepView = {
	id: string;
	text: string;
	status: GoalStep['status'];
	targetDate: string | null;
	due: string | null;
	overdue: boolean;
	doneOn: string | null;
	fromLesson: boolean;
};

/** A step for a page. Target dates are calendar days, so they are formatted as UTC days. */
export function stepView(
	step: GoalStep,
	locale: string,
	timeZone: string,
	today: string
): StepView {
	return {
		id: step.id,
		text: step.text,
		status: step.status,
		targetDate: step.targetDate,
		due: step.targetDate ? formatDate(`${step.targetDate}T00:00:00Z`, locale, 'UTC') : null,
		overdue: step.status === 'open' && !!step.targetDate && step.targetDate < today,
		doneOn: step.doneAt ? formatDate(step.doneAt, locale, timeZone) : null,
		fromLesson: step.fromLessonId !== null
	};
}
