import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { auditLog } from './audit.schema';
import { recordAuditAlone } from './record-audit';
import { AUDIT_PAGE_SIZE, listAudit, ZAuditFilter } from './list-audit';

describe.each(dbKinds)('browsing the audit trail on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const filter = (q: Record<string, string> = {}) => ZAuditFilter.parse(q);

	it('shows only the admin’s own site, newest first, and records the look', async () => {
		const site = await makeSite(app);
		const other = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		await recordAuditAlone(app.db, {
			actorUserId: null,
			actingRole: null,
			siteId: other.id,
			action: 'person.read',
			outcome: 'success',
			ip: null
		});
		const { rows } = await listAudit({ db: app.db, actor: admin.actor, input: filter() });
		expect(rows.map((r) => r.action)).not.toContain('person.read');
		expect(rows.map((r) => r.action)).toContain('site.create');
		const ids = rows.map((r) => r.id);
		expect([...ids].sort((a, b) => b - a)).toEqual(ids);
		const reads = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'audit.read')));
		expect(reads).toHaveLength(1);
	});

	it('filters by action prefix, actor and outcome, and pages by id', async () => {
		const site = await makeSite(app);
		const admin = await makePerson(app, site, ['site_admin']);
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
			await recordAuditAlone(app.db, {
				actorUserId: i % 2 ? admin.userId : 'someone-else',
				actingRole: 'member',
				siteId: site.id,
				action: i % 2 ? 'goal_step.tick' : 'goal_step.untick',
				outcome: i === 3 ? 'denied' : 'success',
				ip: null
			});
		const actor = admin.actor;
		const first = await listAudit({ db: app.db, actor, input: filter({ action: 'goal_step.' }) });
		expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.nextBefore).not.toBeNull();
		const second = await listAudit({
			db: app.db,
			actor,
			input: filter({ action: 'goal_step.', before: String(first.nextBefore) })
		});
		expect(second.rows).toHaveLength(5);
		expect(second.nextBefore).toBeNull();

		const mine = await listAudit({
			db: app.db,
			actor,
			input: filter({ action: 'goal_step', actor: admin.userId })
		});
		expect(new Set(mine.rows.map((r) => r.action))).toEqual(new Set(['goal_step.tick']));
		const denied = await listAudit({ db: app.db, actor, input: filter({ outcome: 'denied' }) });
		expect(denied.rows).toHaveLength(1);
		// A "%" in the filter is a character, not a wildcard.
		const literal = await listAudit({ db: app.db, actor, input: filter({ action: '%' }) });
		expect(literal.rows).toEqual([]);
	});

	it('filters by day in the site’s time zone', async () => {
		const site = await makeSite(app, { timeZone: 'Asia/Bangkok' });
		const admin = await makePerson(app, site, ['site_admin']);
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());
		const actor = admin.actor;
		const now = await listAudit({ db: app.db, actor, input: filter({ from: today, to: today }) });
		expect(now.rows.map((r) => r.action)).toContain('site.create');
		const past = await listAudit({
			db: app.db,
			actor,
			input: filter({ from: '2001-01-01', to: '2001-01-02' })
		});
		expect(past.rows).toEqual([]);
	});

	it('turns bad filters into field messages', () => {
		const bad = ZAuditFilter.safeParse({
			from: '2024-13-40',
			outcome: 'maybe',
			before: 'abc',
			to: ''
		});
		expect(bad.success).toBe(false);
		const fields = Object.fromEntries(
			(bad.error?.issues ?? []).map((i) => [String(i.path[0]), i.message])
		);
		expect(fields).toMatchObject({
			from: 'err_date',
			outcome: 'err_invalid',
			before: 'err_invalid'
		});
		const order = ZAuditFilter.safeParse({ from: '2024-02-02', to: '2024-02-01' });
		expect(order.error?.issues[0]).toMatchObject({ path: ['to'], message: 'err_date_order' });
	});

	it('refuses a member', async () => {
		const site = await makeSite(app);
		const member = await makePerson(app, site, ['member']);
		await expect(
			listAudit({ db: app.db, actor: member.actor, input: filter() })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
