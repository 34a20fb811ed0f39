// The peer groups' cards on Today: a member's next sessions (with the live room while it is
// open); a facilitator's sessions today and the logs still to write.
import { formatDateTime } from '../../format';
import { t } from '../i18n/messages';
import { mayUse } from '../access/use-case-permissions';
import { dayOf, startOfDay, addDays } from '../dates/calendar';
import type { TodaySource } from '../today/today-card';
import { waitedFor } from '../today/waited';
import { countFailedReminders } from './reminder-failures';
import {
	listFacilitatorSessions,
	listMySessions,
	type ComingSession
} from './list-coming-sessions';

const sessionHref = (s: ComingSession) => `/groups/${s.groupId}`;
const roomHref = (s: ComingSession) => `/groups/${s.groupId}/sessions/${s.sessionId}/room`;

/** A member's coming group sessions. */
export const nextSessionsCard: TodaySource = {
	key: 'groups-next',
	order: 20,
	appliesTo: (actor) => mayUse(actor, 'groups.take_part'),
	async load({ db, actor, locale, zone, now }) {
		const sessions = await listMySessions({ db, actor, input: { now, limit: 3 } });
		if (sessions.length === 0) return null;
		return {
			key: 'groups-next',
			title: t('today_groups_title'),
			items: sessions.map((s) => ({
				text: s.groupName,
				lang: s.groupLocale,
				href: sessionHref(s),
				detail:
					t(`groups_delivery_${s.delivery}`) + ' · ' + formatDateTime(s.startsAt, locale, zone),
				...(s.roomOpen
					? { action: { label: t('today_groups_join_room'), href: roomHref(s) } }
					: {}),
				tone: s.roomOpen ? ('warn' as const) : undefined
			})),
			more: { label: t('today_groups_more'), href: '/groups' }
		};
	}
};

/** A facilitator's sessions today, and the attendance and session logs still to write. */
export const facilitatingCard: TodaySource = {
	key: 'groups-facilitating',
	order: 15,
	appliesTo: (actor) => mayUse(actor, 'groups.facilitate'),
	async load({ db, actor, locale, zone, now }) {
		const day = dayOf(now, zone);
		const { today, logsDue } = await listFacilitatorSessions({
			db,
			actor,
			input: { now, from: startOfDay(day, zone), to: startOfDay(addDays(day, 1), zone) }
		});
		if (today.length === 0 && logsDue.length === 0) return null;
		const guide = (s: ComingSession) => `/groups/${s.groupId}/sessions/${s.sessionId}`;
		return {
			key: 'groups-facilitating',
			title: t('today_facilitating_title'),
			summary: today.length === 0 ? t('today_facilitating_none_today') : undefined,
			items: [
				...today.map((s) => ({
					text: s.groupName,
					lang: s.groupLocale,
					href: guide(s),
					detail:
						t(`groups_delivery_${s.delivery}`) + ' · ' + formatDateTime(s.startsAt, locale, zone),
					...(s.roomOpen
						? { action: { label: t('today_groups_join_room'), href: roomHref(s) } }
						: {})
				})),
				...logsDue.map((s) => ({
					text: s.groupName,
					lang: s.groupLocale,
					href: guide(s),
					detail: t(
						s.logMissing && s.attendanceMissing
							? 'today_facilitating_both_due'
							: s.logMissing
								? 'today_facilitating_log_due'
								: 'today_facilitating_attendance_due',
						{ when: formatDateTime(s.startsAt, locale, zone) }
					),
					tone: 'warn' as const
				}))
			],
			more: { label: t('today_groups_more'), href: '/groups' }
		};
	}
};

/** Session reminders that did not reach people this week, for the site admin. */
export const failedRemindersCard: TodaySource = {
	key: 'groups-reminders-failed',
	order: 8,
	appliesTo: (actor) => mayUse(actor, 'site.outbox'),
	async load({ db, actor, locale, now }) {
		const { failed, lastAt } = await countFailedReminders({
			db,
			actor,
			input: { since: new Date(now.getTime() - 7 * 86_400_000) }
		});
		if (failed === 0) return null;
		return {
			key: 'groups-reminders-failed',
			title: t('today_reminders_failed_title'),
			tone: 'warn',
			items: [
				{
					text: t('today_reminders_failed', { count: failed }),
					href: '/admin/outbox',
					detail: lastAt
						? t('today_last_failed', { time: waitedFor(lastAt, now, locale) })
						: undefined
				}
			]
		};
	}
};
