import { addDays, addMonths, dayOf, startOfDay, weekStart } from '../dates/calendar';

export type ScheduleShape = {
	kind: 'weekly' | 'enrolment' | 'follow_up';
	months: number | null;
	windowDays: number;
};

export type Window = { key: string; opensAt: Date; closesAt: Date };

/**
 * The window of a schedule that is open at `now` for a person who joined at `joinedAt`, or null.
 * Days are the site's: a weekly window opens at the start of Monday in the site's zone and closes
 * at the start of the day `windowDays` later; at enrolment, it opens when the person joins; a
 * follow-up opens at the start of the day `months` after they joined.
 */
export function openWindow(
	s: ScheduleShape,
	joinedAt: Date,
	now: Date,
	timeZone: string
): Window | null {
	let w: Window;
	if (s.kind === 'weekly') {
		const monday = weekStart(dayOf(now, timeZone));
		w = {
			key: monday,
			opensAt: startOfDay(monday, timeZone),
			closesAt: startOfDay(addDays(monday, s.windowDays), timeZone)
		};
		// Joined after this week's window closed: their first window is next week's.
		if (joinedAt >= w.closesAt) return null;
	} else if (s.kind === 'enrolment') {
		w = {
			key: 'enrolment',
			opensAt: joinedAt,
			closesAt: startOfDay(addDays(dayOf(joinedAt, timeZone), s.windowDays), timeZone)
		};
	} else {
		const months = s.months ?? 0;
		const day = dayOf(addMonths(joinedAt, months), timeZone);
		w = {
			key: `follow-up-${months}`,
			opensAt: startOfDay(day, timeZone),
			closesAt: startOfDay(addDays(day, s.windowDays), timeZone)
		};
	}
	return w.opensAt <= now && now < w.closesAt ? w : null;
}
