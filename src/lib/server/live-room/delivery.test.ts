import { describe, expect, it } from 'vitest';
import {
	blockChanges,
	missedRemovals,
	moderatedFor,
	newMessages,
	type Authors,
	type ChatRow,
	type Conn
} from './delivery';

const conn = (over: Partial<Conn> = {}): Conn => ({
	userId: 'me',
	sessionId: 's-me',
	idleMs: 1_800_000,
	role: 'member',
	roomId: null,
	mark: 0,
	blocked: new Set(),
	since: 0,
	send: () => undefined,
	end: () => undefined,
	...over
});
const row = (id: number, over: Partial<ChatRow> = {}): ChatRow => ({
	id,
	roomId: null,
	authorId: 'ann',
	body: `message ${id}`,
	createdAt: new Date('2026-01-01T10:00:00Z'),
	...over
});
const authors: Authors = { names: new Map([['ann', 'Sunflower']]), staff: new Set() };
const ids = (chunks: string[]) => chunks.map((c) => /^id: (\d+)/.exec(c)?.[1] ?? null);

describe('new messages for a connection', () => {
	it('are the ones above its mark, in its own room, by authors it has not blocked', () => {
		const batch = [row(1), row(2), row(3, { roomId: 'sub' }), row(4, { authorId: 'bob' }), row(5)];
		expect(ids(newMessages(conn({ mark: 1, blocked: new Set(['bob']) }), batch, authors))).toEqual([
			'2',
			'5'
		]);
	});

	it('carry the event id, the pseudonym and whether the message is the reader’s own', () => {
		const [chunk] = newMessages(conn(), [row(7, { authorId: 'me' })], authors);
		expect(chunk).toBe(
			`id: 7\nevent: message\ndata: ${JSON.stringify({ id: 7, author: null, staff: false, mine: true, body: 'message 7', at: '2026-01-01T10:00:00.000Z' })}\n\n`
		);
	});
});

describe('corrections', () => {
	it('drop a hidden message and show a restored one again, both without an event id', () => {
		const chunks = moderatedFor(
			conn({ mark: 10 }),
			[
				{ ...row(3), hiddenAt: new Date() },
				{ ...row(4), hiddenAt: null },
				{ ...row(11), hiddenAt: new Date() }
			],
			authors
		);
		expect(chunks[0]).toBe('event: remove\ndata: {"ids":[3]}\n\n');
		expect(chunks[1]).toMatch(/^event: message\n/);
		expect(chunks).toHaveLength(2);
	});

	it('tell a reconnected client what was hidden or blocked while it was away, oldest first', () => {
		const rows = [
			{ id: 9, roomId: null, authorId: 'bob', hiddenAt: null },
			{ id: 6, roomId: null, authorId: 'ann', hiddenAt: new Date() },
			{ id: 5, roomId: null, authorId: 'ann', hiddenAt: null }
		];
		expect(missedRemovals(conn({ since: 5, blocked: new Set(['bob']) }), rows)).toEqual([]);
		expect(missedRemovals(conn({ since: 8, blocked: new Set(['bob']) }), rows)).toEqual([
			'event: remove\ndata: {"ids":[6]}\n\n'
		]);
		expect(missedRemovals(conn({ since: 9, blocked: new Set(['bob']) }), rows)).toEqual([
			'event: remove\ndata: {"ids":[6,9]}\n\n'
		]);
	});

	it('follow a block only for the connections whose list changed', () => {
		const a = conn({ userId: 'a', blocked: new Set(['x']) });
		const b = conn({ userId: 'b', blocked: new Set(['x']) });
		const changes = blockChanges(
			[a, b],
			[
				{ blockerId: 'a', blockedId: 'x' },
				{ blockerId: 'b', blockedId: 'y' }
			]
		);
		expect([...changes.keys()]).toEqual([b]);
		expect(changes.get(b)).toMatchObject({ added: ['y'], removed: ['x'] });
	});
});
