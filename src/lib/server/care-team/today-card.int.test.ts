import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import type { Actor } from '../access/actor';
import { auditLog } from '../audit/audit.schema';
import type { TodayContext } from '../today/today-card';
import { assignCareTeam } from './assign-care-team';
import { requestCareTeamChange } from './request-care-team-change';
import { careRequestsCard, caseloadCard } from './today-card';

describe.each(dbKinds)('care team cards on Today on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const ctx = (actor: Actor, now = new Date()): TodayContext => ({
		db: app.db,
		actor,
		locale: 'en',
		zone: 'UTC',
		now,
		pseudonym: null
	});

	it('shows a supporter the people without contact, and an admin the requests waiting', async () => {
		const site = await makeSite(app, { timeZone: 'UTC' });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const pro = (await makePerson(app, site, ['professional'])).actor;
		const member = (await makePerson(app, site, ['member'])).actor;

		// Nobody on the caseload: no card, and nothing was read (so nothing audited).
		expect(caseloadCard.appliesTo(pro)).toBe(true);
		expect(caseloadCard.appliesTo(member)).toBe(false);
		expect(await caseloadCard.load(ctx(pro))).toBeNull();
		expect(
			await app.db.select().from(auditLog).where(eq(auditLog.actorUserId, pro.userId))
		).toEqual([]);

		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: pro.userId, role: 'care_coordinator' }
		});
		const card = await caseloadCard.load(ctx(pro));
		expect(card?.items.map((i) => [i.text, i.detail, i.href, i.tone])).toEqual([
			[expect.stringContaining('Person'), 'No contact yet', '/caseload', 'warn']
		]);

		expect(await careRequestsCard.load(ctx(admin))).toBeNull();
		await requestCareTeamChange({ app, actor: member, input: { reason: 'Someone nearer home' } });
		const requests = await careRequestsCard.load(ctx(admin));
		expect(requests?.items.map((i) => i.href)).toEqual([`/admin/people/${member.userId}`]);
		// The member's words are not on Today.
		expect(JSON.stringify(requests)).not.toContain('nearer home');
	});
});
