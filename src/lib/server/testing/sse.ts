// Reads a Server-Sent Events stream the way a browser's EventSource does, for tests.
export type SseEvent = { id?: string; event: string; data: string };

export type SseReader = {
	events: SseEvent[];
	/** Waits until an event matching `pred` has arrived (or throws after `ms`). */
	until: (pred: (all: SseEvent[]) => boolean, ms?: number) => Promise<SseEvent[]>;
	/** Resolves when the server ended the stream. */
	ended: Promise<void>;
	cancel: () => Promise<void>;
};

export function readSse(stream: ReadableStream<Uint8Array>): SseReader {
	const events: SseEvent[] = [];
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	const waiter = { wake: (): void => undefined };
	const ended = (async () => {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let at: number;
			while ((at = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, at);
				buffer = buffer.slice(at + 2);
				const e: SseEvent = { event: 'message', data: '' };
				let hasData = false;
				for (const line of block.split('\n')) {
					if (line.startsWith(':')) continue;
					const [field, ...rest] = line.split(': ');
					const v = rest.join(': ');
					if (field === 'id') e.id = v;
					else if (field === 'event') e.event = v;
					else if (field === 'data') {
						e.data = v;
						hasData = true;
					}
				}
				if (hasData) events.push(e);
			}
			waiter.wake();
		}
		waiter.wake();
	})();
	let done = false;
	void ended.then(() => {
		done = true;
	});
	const until = async (pred: (all: SseEvent[]) => boolean, ms = 5000) => {
		const deadline = Date.now() + ms;
		while (!pred(events)) {
			if (done) throw new Error(`stream ended; got ${JSON.stringify(events)}`);
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(events)}`);
			await new Promise<void>((resolve) => {
				waiter.wake = resolve;
				setTimeout(resolve, Math.min(left, 100));
			});
		}
		return events;
	};
	return { events, until, ended, cancel: () => reader.cancel().catch(() => undefined) };
}

/** The chat messages among the events, by body. */
export const bodiesOf = (events: SseEvent[]): string[] =>
	events
		.filter((e) => e.event === 'message')
		.map((e) => (JSON.parse(e.data) as { body: string }).body);
