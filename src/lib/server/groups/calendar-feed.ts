import { and, asc, eq, ne } from 'drizzle-orm';
import ical, { escape, ICalCalendarMethod } from 'ical-generator';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { sites } from '../sites/sites.schema';
import { groupMembers, groups, groupSessions } from './groups.schema';
import { isUuid } from '../validation';
import { programmeText } from '../programmes/programme-text';

export type CalendarEvent = {
	id: string;
	startsAt: Date;
	endsAt: Date;
	summary: string;
	location: string | null;
};

/**
 * A group's sessions as an iCalendar file (RFC 5545): times in UTC, each session's link as its
 * URL, text escaped and lines folded at 75 octets by ical-generator.
 */
export function icsCalendar({
	name,
	link,
	events,
	stamp = new Date()
}: {
	name: string;
	link: string;
	events: readonly CalendarEvent[];
	stamp?: Date;
}): string {
	const calendar = ical({
		prodId: { company: 'Kith', product: 'Peer groups', language: 'EN' },
		scale: 'GREGORIAN',
		method: ICalCalendarMethod.PUBLISH,
		// ical-generator writes the calendar's name as given: escape it as the TEXT it is.
		name: escape(name, false),
		events: events.map((e) => ({
			id: `${e.id}@kith`,
			stamp,
			start: e.startsAt,
			end: e.endsAt,
			summary: e.summary,
			location: e.location || null,
			url: link
		}))
	});
	return `${calendar.toString()}\r\n`;
}

/**
 * A member's calendar of a group: every session not cancelled, as text/calendar. The token in
 * the address is the credential; an unknown token, or one of someone no longer a member, is
 * "not found" exactly like a group that does not exist. Audited as the member's read.
 */
export async function calendarFeed({
	db,
	input
}: {
	db: Db;
	input: { groupId: string; token: string; origin: string };
}): Promise<{ filename: string; body: string }> {
	if (!isUuid(input.groupId) || input.token.length < 16 || input.token.length > 100)
		throw notFound();
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ group: groups, userId: groupMembers.userId, site: sites })
			.from(groupMembers)
			.innerJoin(groups, eq(groups.id, groupMembers.groupId))
			.innerJoin(sites, eq(sites.id, groups.siteId))
			.where(
				and(
					eq(groupMembers.groupId, input.groupId),
					eq(groupMembers.calendarToken, input.token),
					eq(groupMembers.status, 'member')
				)
			)
			.limit(1);
		if (!row) throw notFound();
		const { group, site } = row;
		const text = await programmeText(tx, group.programmeId, group.locale, site.defaultLocale);
		const sessions = await tx
			.select()
			.from(groupSessions)
			.where(and(eq(groupSessions.groupId, group.id), ne(groupSessions.status, 'cancelled')))
			.orderBy(asc(groupSessions.startsAt));
		const link = `${input.origin}/groups/${group.id}`;
		const body = icsCalendar({
			name: group.name,
			link,
			events: sessions.map((s) => {
				const theme = text?.sessions.find((t) => t.number === s.number)?.theme;
				return {
					id: s.id,
					startsAt: s.startsAt,
					endsAt: s.endsAt,
					summary: theme ? `${group.name}: ${theme}` : group.name,
					location:
						s.delivery === 'in_person' ? s.place : s.delivery === 'video' ? s.videoUrl : link
				};
			})
		});
		await recordAudit(tx, {
			actorUserId: row.userId,
			actingRole: 'member',
			siteId: site.id,
			action: 'group.calendar_read',
			entityType: 'group',
			entityId: group.id,
			outcome: 'success',
			ip: null,
			details: { sessions: sessions.length }
		});
		return {
			filename: `${group.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'group'}.ics`,
			body
		};
	});
}
