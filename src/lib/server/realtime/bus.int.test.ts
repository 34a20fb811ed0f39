import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { rand } from '../testing/factories';

describe.each(dbKinds)('the realtime bus on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('delivers what a committed transaction announced, and nothing from a rolled-back one', async () => {
		const channel = `test_${rand()}`;
		const got: string[] = [];
		const stop = await app.realtime.subscribe(channel, (p) => got.push(p));
		await app.db.transaction(async (tx) => {
			await app.realtime.publish(tx, channel, 'committed');
		});
		await app.db
			.transaction(async (tx) => {
				await app.realtime.publish(tx, channel, 'rolled-back');
				throw new Error('roll back');
			})
			.catch(() => undefined);
		await app.db.transaction(async (tx) => {
			await app.realtime.publish(tx, channel, 'after');
		});
		await expect.poll(() => got, { timeout: 5000 }).toContain('after');
		expect(got).toEqual(['committed', 'after']);

		await stop();
		await app.db.transaction(async (tx) => {
			await app.realtime.publish(tx, channel, 'unheard');
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(got).toEqual(['committed', 'after']);
	});

	it('fans one channel out to every subscriber of this instance', async () => {
		const channel = `test_${rand()}`;
		const a: string[] = [];
		const b: string[] = [];
		const stopA = await app.realtime.subscribe(channel, (p) => a.push(p));
		const stopB = await app.realtime.subscribe(channel, (p) => b.push(p));
		await app.db.transaction(async (tx) => app.realtime.publish(tx, channel, 'x'));
		await expect.poll(() => [a, b], { timeout: 5000 }).toEqual([['x'], ['x']]);
		await stopA();
		await app.db.transaction(async (tx) => app.realtime.publish(tx, channel, 'y'));
		await expect.poll(() => b, { timeout: 5000 }).toEqual(['x', 'y']);
		expect(a).toEqual(['x']);
		await stopB();
	});
});
