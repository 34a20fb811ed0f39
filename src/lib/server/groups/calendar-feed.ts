import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recordAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { sites } from '../sites/sites.schema';
import { groupMembers, groups, groupSessions } from './groups.schema';
import { programmeText } from './programme-text';
import { isUuid } from '../validation';

/** Text escaped for an iCalendar property value (RFC 5545 §3.3.11). */
export const icsText = (s: string): string =>
	s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = Buffer.byteLength(ch);
		// Continuation lines start with a space, which counts towards their 75 octets.
		const limit = out.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			out.push(current);
			current = '';
			octets = 0;
		}
		current += ch;
		octets += size;
	}
	out.push(current);
	return out.join('\r\n ');
}

const icsTime = (d: Date): string =>
	d
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

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
		const stamp = icsTime(new Date());
		const lines = [
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Kith//Peer groups//EN',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			`X-WR-CALNAME:${icsText(group.name)}`
		];
		for (const s of sessions) {
			const theme = text?.sessions.find((t) => t.number === s.number)?.theme;
			const where =
				s.delivery === 'in_person' ? s.place : s.delivery === 'video' ? s.videoUrl : link;
			lines.push(
				'BEGIN:VEVENT',
				`UID:${s.id}@kith`,
				`DTSTAMP:${stamp}`,
				`DTSTART:${icsTime(s.startsAt)}`,
				`DTEND:${icsTime(s.endsAt)}`,
				`SUMMARY:${icsText(theme ? `${group.name}: ${theme}` : group.name)}`,
				...(where ? [`LOCATION:${icsText(where)}`] : []),
				`URL:${link}`,
				'END:VEVENT'
			);
		}
		lines.push('END:VCALENDAR');
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
			body: lines.map(foldLine).join('\r\n') + '\r\n'
		};
	});
}
