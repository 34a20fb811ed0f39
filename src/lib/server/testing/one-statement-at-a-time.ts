// Every integration test file fails if it made node-postgres queue a statement on a connection
// that is still running one (two statements at once on one transaction, e.g. Promise.all over
// `tx`). node-postgres only warns about it today and refuses it from pg 9; PGlite never notices.
import { afterAll, expect } from 'vitest';

const queued: string[] = [];
process.on('warning', (warning) => {
	if (warning.message.includes('already executing a query')) queued.push(warning.message);
});
// The warning does not say who queued: run the file with NODE_OPTIONS=--trace-deprecation and
// the first caller's stack is printed.

afterAll(() => {
	expect(queued, 'statements queued on a busy connection').toEqual([]);
});
