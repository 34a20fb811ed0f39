import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { notifyInApp } from './notify';
import { setPreferences } from './preferences';
import { sendDigests } from './send-digests';

describe.each(dbKinds)('the daily digest on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('mails once a day, from 08:00 on the person’s clock, only to those who asked, without details', async () => {
		const site = await makeSite(app);
		const wants = await makePerson(app, site, ['member']);
		const doesNot = await makePerson(app, site, ['member']);
		const morning = new Date('2026-12-07T10:00:00Z');
		for (const p of [wants, doesNot]) {
			await notifyInApp(app.db, {
				siteId: site.id,
				userId: p.userId,
				kind: 'group_reminder',
				targetId: randomUUID(),
				source: randomUUID(),
				params: { group: 'Hearing voices circle' },
				at: new Date(morning.getTime() - 3600_000)
			});
		}
		await setPreferences({
			db: app.db,
			actor: wants.actor,
			input: { timeZone: 'UTC', dailyDigest: 'on' }
		});
		const mailTo = (email: string) =>
			(app.mailer.outbox?.(site.id) ?? []).filter((m) => m.to === email);
		// 06:00 on their clock: not yet.
		await sendDigests({ db: app.db, mail: app.mailer, now: new Date('2026-12-07T06:00:00Z') });
		expect(mailTo(wants.email)).toHaveLength(0);
		await sendDigests({ db: app.db, mail: app.mailer, now: morning });
		await sendDigests({
			db: app.db,
			mail: app.mailer,
			now: new Date(morning.getTime() + 3600_000)
		});
		const [digest, ...more] = mailTo(wants.email);
		expect(more).toEqual([]);
		expect(digest?.text).toContain('/notifications');
		expect(digest?.text).not.toContain('Hearing voices');
		expect(mailTo(doesNot.email)).toHaveLength(0);
	});
});
