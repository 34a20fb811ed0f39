import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { planVersions } from './plans.schema';
import { savePlan } from './save-plan';
import { getOwnPlan } from './get-own-plan';
import { sharePlan } from './share-plan';
import { revokePlanShare } from './revoke-plan-share';
import { listSharedPlans } from './list-shared-plans';
import { getSharedPlan } from './get-shared-plan';
import { saveSharedPlan } from './save-shared-plan';
import { hasSafetyPlan } from './has-safety-plan';
import { safetyPlanCard } from './today-card';

/** The error a use case threw: its code and field message keys. */
async function failure(
	p: Promise<unknown>
): Promise<{ code: string; fields: Record<string, string> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected the use case to fail');
}

describe.each(dbKinds)('recovery and safety plans on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const auditsOf = async (actor: Actor) =>
		(
			await app.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.actorUserId, actor.userId))
				.orderBy(auditLog.id)
		).map((r) => r.action);

	it('a member writes a safety plan: every save is a version, encrypted, and earlier ones stay readable', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		expect(await hasSafetyPlan({ db: app.db, actor })).toBe(false);
		const empty = await getOwnPlan({ app, actor, input: { kind: 'safety' } });
		expect(empty.version).toBeNull();

		const first = await savePlan({
			app,
			actor,
			input: { kind: 'safety', sections: { warning_signs: 'I stop sleeping', reasons: 'My cat' } }
		});
		const second = await savePlan({
			app,
			actor,
			input: { kind: 'safety', sections: { warning_signs: 'I stop answering calls', coping: '  ' } }
		});
		expect([first.version, second.version]).toEqual([1, 2]);
		expect(await hasSafetyPlan({ db: app.db, actor })).toBe(true);

		const latest = await getOwnPlan({ app, actor, input: { kind: 'safety' } });
		expect(latest.version).toBe(2);
		expect(latest.body).toEqual({ warning_signs: 'I stop answering calls' });
		expect(latest.versions.map((v) => [v.version, v.byOwner])).toEqual([
			[2, true],
			[1, true]
		]);
		const earlier = await getOwnPlan({ app, actor, input: { kind: 'safety', version: 1 } });
		expect(earlier.body).toEqual({ warning_signs: 'I stop sleeping', reasons: 'My cat' });
		expect(
			(await failure(getOwnPlan({ app, actor, input: { kind: 'safety', version: 9 } }))).code
		).toBe('not_found');

		const stored = await app.db.select().from(planVersions);
		expect(stored.length).toBeGreaterThanOrEqual(2);
		for (const row of stored) expect(row.bodyEncrypted).not.toMatch(/sleeping|calls|cat/);
		expect(await auditsOf(actor)).toEqual(['plan.save', 'plan.save']);

		// The recovery plan is a plan of its own.
		expect((await getOwnPlan({ app, actor, input: { kind: 'recovery' } })).version).toBeNull();
	});

	it('refuses an over-long section, naming it, and saves nothing', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const refused = await failure(
			savePlan({
				app,
				actor,
				input: { kind: 'recovery', sections: { toolbox: 'x'.repeat(4001), daily: 'walk' } }
			})
		);
		expect(refused).toEqual({ code: 'invalid_input', fields: { toolbox: 'err_too_long' } });
		expect((await getOwnPlan({ app, actor, input: { kind: 'recovery' } })).version).toBeNull();
	});

	it('a supporter reads a shared plan (audited) until it is revoked; others get "not found"', async () => {
		const site = await makeSite(app);
		const { actor: owner } = await makePerson(app, site, ['member']);
		const { actor: peer } = await makePerson(app, site, ['peer_worker']);
		const { actor: other } = await makePerson(app, site, ['carer']);
		const elsewhere = await makeSite(app);
		const { actor: stranger } = await makePerson(app, elsewhere, ['peer_worker']);
		await savePlan({
			app,
			actor: owner,
			input: { kind: 'recovery', sections: { daily: 'Tea at 8' } }
		});
		await sharePlan({
			db: app.db,
			actor: owner,
			input: { kind: 'recovery', supporterId: peer.userId }
		});
		expect(
			(
				await failure(
					sharePlan({
						db: app.db,
						actor: owner,
						input: { kind: 'recovery', supporterId: stranger.userId }
					})
				)
			).fields
		).toEqual({ supporterId: 'err_supporter' });

		const [listed] = await listSharedPlans({ db: app.db, actor: peer });
		expect(listed?.kind).toBe('recovery');
		const planId = listed?.planId ?? '';
		const read = await getSharedPlan({ app, actor: peer, input: { planId } });
		expect(read.body).toEqual({ daily: 'Tea at 8' });
		expect(read.mayEdit).toBe(false);
		expect(await auditsOf(peer)).toEqual(['plan.list_shared', 'plan.read_shared']);

		for (const actor of [other, stranger])
			expect((await failure(getSharedPlan({ app, actor, input: { planId } }))).code).toBe(
				'not_found'
			);
		expect((await listSharedPlans({ db: app.db, actor: other })).length).toBe(0);
		// A member cannot read shared plans at all, nor write to one.
		expect((await failure(getSharedPlan({ app, actor: owner, input: { planId } }))).code).toBe(
			'not_found'
		);

		await revokePlanShare({
			db: app.db,
			actor: owner,
			input: { kind: 'recovery', supporterId: peer.userId }
		});
		expect((await failure(getSharedPlan({ app, actor: peer, input: { planId } }))).code).toBe(
			'not_found'
		);
		expect(await auditsOf(owner)).toEqual(['plan.save', 'plan.share', 'plan.share_revoke']);
	});

	it('a professional the member shares a safety plan with works on it; the version says who', async () => {
		const site = await makeSite(app);
		const { actor: owner } = await makePerson(app, site, ['member']);
		const { actor: pro } = await makePerson(app, site, ['professional']);
		const { actor: peer } = await makePerson(app, site, ['peer_worker']);
		await savePlan({ app, actor: owner, input: { kind: 'safety', sections: { coping: 'Music' } } });
		const [ownPlan] = await listSharedPlans({ db: app.db, actor: pro });
		expect(ownPlan).toBeUndefined();
		await sharePlan({
			db: app.db,
			actor: owner,
			input: { kind: 'safety', supporterId: pro.userId }
		});
		await sharePlan({
			db: app.db,
			actor: owner,
			input: { kind: 'safety', supporterId: peer.userId }
		});
		const [shared] = await listSharedPlans({ db: app.db, actor: pro });
		const planId = shared?.planId ?? '';
		expect((await getSharedPlan({ app, actor: pro, input: { planId } })).mayEdit).toBe(true);
		const { version } = await saveSharedPlan({
			app,
			actor: pro,
			input: { planId, sections: { coping: 'Music', professionals: 'Dr Lee 555 0101' } }
		});
		expect(version).toBe(2);
		// A peer worker it is shared with reads it, but cannot write to it.
		expect(
			(await failure(saveSharedPlan({ app, actor: peer, input: { planId, sections: {} } }))).code
		).toBe('not_found');
		const mine = await getOwnPlan({ app, actor: owner, input: { kind: 'safety' } });
		expect(mine.body.professionals).toBe('Dr Lee 555 0101');
		expect(mine.versions[0]?.byOwner).toBe(false);
		expect(mine.versions[0]?.editedBy).toBe(pro.name);
		expect(mine.sharedWith.map((s) => s.userId).sort()).toEqual([pro.userId, peer.userId].sort());
		expect(await auditsOf(pro)).toContain('plan.save_shared');
	});

	it("the member's Today offers the safety plan, or to make one", async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const ctx = { db: app.db, actor, locale: 'en', zone: 'UTC', now: new Date(), pseudonym: null };
		expect((await safetyPlanCard.load(ctx))?.more?.href).toBe('/plans/safety/edit');
		await savePlan({ app, actor, input: { kind: 'safety', sections: { reasons: 'My sister' } } });
		expect((await safetyPlanCard.load(ctx))?.more?.href).toBe('/plans/safety');
	});
});
