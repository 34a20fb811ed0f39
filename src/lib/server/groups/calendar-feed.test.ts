import { describe, expect, it } from 'vitest';
import { icsCalendar } from './calendar-feed';

/** Content lines as a calendar app reads them: folds (CRLF and one space) undone (RFC 5545 §3.1). */
const unfold = (body: string) => body.replace(/\r\n[ \t]/g, '').split('\r\n');

const longThai = 'กลุ่มเพื่อนช่วยเพื่อน: การกลับมาใช้ชีวิตประจำวันอย่างมีความหมาย ทีละก้าว พร้อมกับคนที่เข้าใจ 🌱🤝';

describe('the .ics file of a group', () => {
	const body = icsCalendar({
		name: 'Søndag, kaffe; te\\samtale',
		link: 'https://kith.example/groups/g1',
		stamp: new Date('2026-12-02T16:25:26.789Z'),
		events: [
			{
				id: 's1',
				startsAt: new Date('2027-03-02T17:00:00Z'),
				endsAt: new Date('2027-03-02T18:30:00Z'),
				summary: `Walk, talk; rest\nthen ${longThai}`,
				location: 'Café Nørrebro, 2. sal; lokale 3\r\nBack door'
			},
			{
				id: 's2',
				startsAt: new Date('2027-03-09T17:00:00Z'),
				endsAt: new Date('2027-03-09T18:30:00Z'),
				summary: 'Plain',
				location: null
			}
		]
	});
	const lines = unfold(body);

	it('escapes commas, semicolons, backslashes and line breaks in text (§3.3.11)', () => {
		expect(lines).toContain(`SUMMARY:Walk\\, talk\\; rest\\nthen ${longThai}`);
		expect(lines).toContain('LOCATION:Café Nørrebro\\, 2. sal\\; lokale 3\\nBack door');
		expect(lines).toContain('X-WR-CALNAME:Søndag\\, kaffe\\; te\\\\samtale');
	});

	it('folds every line at 75 octets, never inside a character (§3.1)', () => {
		const raw = body.split('\r\n');
		expect(raw.length).toBeGreaterThan(lines.length);
		for (const line of raw) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
		// Each fold's pieces are whole UTF-8 characters: a split one would decode as U+FFFD.
		for (const line of raw) {
			const bytes = Buffer.from(line);
			expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(line);
		}
		expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('gives each session its UID, UTC times, link and no location when there is none', () => {
		expect(lines).toEqual(
			expect.arrayContaining([
				'UID:s1@kith',
				'DTSTAMP:20261202T162526Z',
				'DTSTART:20270302T170000Z',
				'DTEND:20270302T183000Z',
				'UID:s2@kith',
				'SUMMARY:Plain'
			])
		);
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
		expect(
			lines
				.filter((l) => l.startsWith('URL'))
				.every((l) => l.endsWith(':https://kith.example/groups/g1'))
		).toBe(true);
		expect(lines.filter((l) => l.startsWith('LOCATION'))).toHaveLength(1);
		expect(lines.slice(0, 5)).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Kith//Peer groups//EN',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH'
		]);
	});

	it('lets no bare carriage return in a place or a name start a property of its own', () => {
		const injected = icsCalendar({
			name: 'Group\rX-INJECTED-NAME:1',
			link: 'https://kith.example/groups/g1',
			events: [
				{
					id: 's1',
					startsAt: new Date('2027-03-02T17:00:00Z'),
					endsAt: new Date('2027-03-02T18:30:00Z'),
					summary: 'Talk\rX-INJECTED-SUMMARY:1',
					location: 'Room 1\rX-INJECTED:1\r\nDTSTART:20300101T000000Z'
				}
			]
		});
		// Every CR is part of a CRLF line ending; no line is an injected property.
		expect(injected.replace(/\r\n/g, '')).not.toContain('\r');
		const lines = unfold(injected);
		expect(lines.filter((l) => /^(X-INJECTED|DTSTART:2030)/.test(l))).toEqual([]);
		expect(lines).toContain('LOCATION:Room 1\\nX-INJECTED:1\\nDTSTART:20300101T000000Z');
	});
});
