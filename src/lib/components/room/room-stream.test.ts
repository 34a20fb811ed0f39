import { describe, expect, it, vi } from 'vitest';
import type { RoomMessage, RoomState } from '$lib/server/live-room/delivery';
import { RoomStream, type EventStream } from './room-stream.svelte';

// Unit tests run without the Svelte compiler, so runes are plain values here: these tests check
// what the stream does with each event, not how Svelte tracks it.
vi.stubGlobal('$state', <T>(value: T): T => value);

const message = (id: number): RoomMessage => ({
	id,
	author: 'Sunflower',
	staff: false,
	mine: false,
	body: `message ${id}`,
	at: '2026-01-01T10:00:00.000Z'
});
const state: RoomState = {
	status: 'open',
	timerEndsAt: null,
	agenda: null,
	slowModeSeconds: 0,
	rooms: [],
	here: []
};

/** An EventSource stand-in the test drives by hand. */
function fakeSource() {
	const listeners = new Map<string, (e: MessageEvent) => void>();
	const source = {
		url: '',
		closed: false,
		onopen: null as EventStream['onopen'],
		onerror: null as EventStream['onerror'],
		addEventListener: (type: string, listener: (e: MessageEvent) => void) =>
			listeners.set(type, listener),
		close: () => {
			source.closed = true;
		},
		send: (type: string, data: unknown) =>
			listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }))
	};
	return source;
}

function connected(initial: RoomMessage[], floor = 0, roomId: string | null = null) {
	const stream = new RoomStream({ messages: initial, state, floor });
	const source = fakeSource();
	const on = { appended: vi.fn(), blocks: vi.fn(), gone: vi.fn() };
	const close = stream.connect('/groups/g/sessions/s/room/events', roomId, on, (url) => {
		source.url = url;
		return source as unknown as EventStream;
	});
	return { stream, source, on, close };
}

describe('RoomStream', () => {
	it('asks for what came after the last message shown, in the sub-room shown', () => {
		expect(connected([message(3), message(7)], 0, 'r1').source.url).toBe(
			'/groups/g/sessions/s/room/events?after=7&room=r1'
		);
		expect(connected([]).source.url).toBe('/groups/g/sessions/s/room/events?after=0');
	});

	it('says whether it is connected', () => {
		const { stream, source } = connected([]);
		expect(stream.connected).toBe(false);
		source.onopen?.(new Event('open'));
		expect(stream.connected).toBe(true);
		source.onerror?.(new Event('error'));
		expect(stream.connected).toBe(false);
	});

	it('adds new messages at the end, once, and puts one shown again back in its place', () => {
		const { stream, source, on } = connected([message(2), message(5)], 2);
		source.send('message', message(8));
		source.send('message', message(8));
		source.send('message', message(4));
		expect(stream.messages.map((m) => m.id)).toEqual([2, 4, 5, 8]);
		expect(on.appended).toHaveBeenCalledTimes(1);
	});

	it('leaves out a message from before the first one the page showed', () => {
		const { stream, source } = connected([message(10)], 10);
		source.send('message', message(9));
		expect(stream.messages.map((m) => m.id)).toEqual([10]);
	});

	it('drops removed messages and follows the pinned state', () => {
		const { stream, source } = connected([message(1), message(2), message(3)]);
		source.send('remove', { ids: [1, 3] });
		source.send('state', { ...state, status: 'closed', agenda: 'Round' });
		expect(stream.messages.map((m) => m.id)).toEqual([2]);
		expect(stream.state.status).toBe('closed');
		expect(stream.state.agenda).toBe('Round');
	});

	it('hands blocks and the end of access to the page, closing on the latter', () => {
		const { source, on, close } = connected([]);
		source.send('blocks', {});
		expect(on.blocks).toHaveBeenCalledOnce();
		source.send('gone', {});
		expect(source.closed).toBe(true);
		expect(on.gone).toHaveBeenCalledOnce();
		source.closed = false;
		close();
		expect(source.closed).toBe(true);
	});
});
