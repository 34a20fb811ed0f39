import type { RoomMessage, RoomState } from '$lib/server/live-room/delivery';

/** What the stream needs of an EventSource (a fake one in tests). */
export type EventStream = Pick<EventSource, 'addEventListener' | 'close'> & {
	onopen: ((event: Event) => unknown) | null;
	onerror: ((event: Event) => unknown) | null;
};

export type RoomStreamEvents = {
	/** A new message was added at the end (the list may scroll to it). */
	appended?: () => void;
	/** Whom the person blocked changed (here, in another window or on the board). */
	blocks: () => void;
	/** Access ended (removed, or the sub-room closed); the stream is closed already. */
	gone: () => void;
};

/**
 * A live room in the browser. The page renders what the server sent; with JavaScript, the
 * session's event stream keeps the messages and the pinned state fresh. EventSource reconnects
 * by itself and sends Last-Event-ID, so nothing is missed or repeated.
 */
export class RoomStream {
	messages: RoomMessage[];
	state: RoomState;
	connected = $state(false);
	/** The first message id the page covers: anything older shown again stays out. */
	readonly #floor: number;

	constructor(initial: { messages: RoomMessage[]; state: RoomState; floor: number }) {
		this.messages = $state(initial.messages);
		this.state = $state(initial.state);
		this.#floor = initial.floor;
	}

	/**
	 * Opens the stream at `events` (the room's events address) for the sub-room `roomId`, from
	 * the last message shown; returns what closes it.
	 */
	connect(
		events: string,
		roomId: string | null,
		on: RoomStreamEvents,
		open: (url: string) => EventStream = (url) => new EventSource(url)
	): () => void {
		const after = this.messages.at(-1)?.id ?? 0;
		const room = roomId ? `&room=${roomId}` : '';
		const stream = open(`${events}?after=${after}${room}`);
		stream.onopen = () => (this.connected = true);
		stream.onerror = () => (this.connected = false);
		stream.addEventListener('message', (e) =>
			this.#received(JSON.parse(e.data) as RoomMessage, on)
		);
		// Hidden by a moderator, or written by someone this person just blocked.
		stream.addEventListener('remove', (e) => {
			// A lookup used once and dropped, never state: nothing needs to react to it.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			const gone = new Set((JSON.parse(e.data) as { ids: number[] }).ids);
			this.messages = this.messages.filter((x) => !gone.has(x.id));
		});
		stream.addEventListener('blocks', () => on.blocks());
		stream.addEventListener('state', (e) => {
			this.state = JSON.parse(e.data) as RoomState;
		});
		stream.addEventListener('gone', () => {
			stream.close();
			on.gone();
		});
		return () => stream.close();
	}

	#received(message: RoomMessage, on: RoomStreamEvents): void {
		// A message shown again (restored, or its author unblocked) from before the page's first
		// one stays out: the page never showed that far back.
		if (message.id < this.#floor || this.messages.some((x) => x.id === message.id)) return;
		// Shown again: back in its place. New: at the end.
		const at = this.messages.findIndex((x) => x.id > message.id);
		if (at >= 0) this.messages.splice(at, 0, message);
		else {
			this.messages.push(message);
			on.appended?.();
		}
	}
}
