import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { networkItems, networkSnapshots } from './network.schema';
import { addItem, type TAddItemInput } from './add-item';
import { moveItem } from './move-item';
import { removeItem } from './remove-item';
import { updateItem } from './update-item';
import { getMap } from './get-map';
import { saveSnapshot } from './save-snapshot';
import { compareSnapshots } from './compare-snapshots';
import { revokeMapShare, shareMap } from './share-map';
import { getSharedMap, listSharedMaps } from './shared-maps';
import { suggestItem } from './suggest-item';
import { decideSuggestion } from './decide-suggestion';
import { mapSharing } from './map-sharing';
import { answerSession, askSession, endSession } from './facilitated-sessions';
import { MAX_ITEMS } from './network.validation';

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

const fields = (label: string, more: Partial<TAddItemInput> = {}): TAddItemInput => ({
	label,
	kind: 'friend',
	circle: '2',
	contact: 'weekly',
	emotional: 'on',
	practical: undefined,
	illness: undefined,
	wantMore: undefined,
	drains: undefined,
	usedToEnjoy: undefined,
	...more
});
/** What a hostile form might send: the use case checks it again, whatever the types say. */
const hostile = (input: Record<string, unknown>) => input as unknown as TAddItemInput;

describe.each(dbKinds)('the network map on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const person = async (roles: Parameters<typeof makePerson>[2]) => {
		const site = await makeSite(app);
		return { site, actor: (await makePerson(app, site, roles)).actor };
	};
	const actionsOf = async (actor: Actor) =>
		(
			await app.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.actorUserId, actor.userId))
				.orderBy(auditLog.id)
		).map((r) => r.action);

	it('keeps labels encrypted, moves items between circles and summarises the map', async () => {
		const { actor } = await person(['member']);
		const { id } = await addItem({
			app,
			actor,
			input: fields('Sister Ann', { kind: 'family', circle: '1' })
		});
		await addItem({ app, actor, input: fields('Choir', { kind: 'group', circle: '3' }) });
		const [row] = await app.db.select().from(networkItems).where(eq(networkItems.id, id));
		expect(row?.labelEncrypted).not.toContain('Ann');

		expect(await moveItem({ db: app.db, actor, input: { itemId: id, to: 'further' } })).toEqual({
			circle: 2
		});
		expect(await moveItem({ db: app.db, actor, input: { itemId: id, to: '1' } })).toEqual({
			circle: 1
		});
		expect(await moveItem({ db: app.db, actor, input: { itemId: id, to: 'closer' } })).toEqual({
			circle: 1
		});
		await updateItem({
			app,
			actor,
			input: { ...fields('Ann', { kind: 'family', circle: '1' }), itemId: id, drains: 'on' }
		});

		const map = await getMap({ app, actor });
		expect(map.items.map((i) => [i.label, i.circle, i.drains])).toEqual([
			['Ann', 1, true],
			['Choir', 3, false]
		]);
		expect(map.summary).toMatchObject({ size: 2, circlesFilled: 2, type: 'restricted' });
		expect(await actionsOf(actor)).toEqual([
			'network.item_add',
			'network.item_add',
			'network.item_move',
			'network.item_move',
			'network.item_update'
		]);
	});

	it('refuses a label over 80 characters, unknown kinds and a 101st item, saving nothing', async () => {
		const { site, actor } = await person(['member']);
		expect(await failure(addItem({ app, actor, input: fields('x'.repeat(81)) }))).toEqual({
			code: 'invalid_input',
			fields: { label: 'err_too_long' }
		});
		expect(
			(
				await failure(
					addItem({ app, actor, input: hostile({ ...fields('ok'), kind: 'robot', circle: '7' }) })
				)
			).fields
		).toEqual({ kind: 'net_err_kind', circle: 'net_err_circle' });
		await app.db.insert(networkItems).values(
			Array.from({ length: MAX_ITEMS }, (_, n) => ({
				siteId: site.id,
				userId: actor.userId,
				labelEncrypted: `x${n}`,
				kind: 'friend' as const,
				circle: 3,
				contact: 'rarely' as const
			}))
		);
		expect(await failure(addItem({ app, actor, input: fields('one too many') }))).toEqual({
			code: 'invalid_input',
			fields: { label: 'net_err_full' }
		});
		const rows = await app.db
			.select({ id: networkItems.id })
			.from(networkItems)
			.where(eq(networkItems.userId, actor.userId));
		expect(rows).toHaveLength(MAX_ITEMS);
		expect(await actionsOf(actor)).toEqual([]);
	});

	it('saves dated snapshots with their figures and compares two', async () => {
		const { actor } = await person(['member']);
		const a = await addItem({ app, actor, input: fields('Mum', { kind: 'family', circle: '2' }) });
		const b = await addItem({ app, actor, input: fields('Dog', { kind: 'pet', circle: '1' }) });
		const c = await addItem({
			app,
			actor,
			input: fields('Old job', { kind: 'place', circle: '2' })
		});
		const first = await saveSnapshot({ app, actor, now: new Date('2026-10-01T10:00:00Z') });
		await moveItem({ db: app.db, actor, input: { itemId: a.id, to: 'closer' } });
		await moveItem({ db: app.db, actor, input: { itemId: b.id, to: 'further' } });
		await removeItem({ db: app.db, actor, input: { itemId: c.id } });
		await addItem({
			app,
			actor,
			input: fields('Walking group', {
				kind: 'group',
				circle: '3',
				emotional: undefined,
				practical: 'on'
			})
		});
		const second = await saveSnapshot({ app, actor, now: new Date('2026-11-01T10:00:00Z') });

		const [figures] = await app.db
			.select()
			.from(networkSnapshots)
			.where(eq(networkSnapshots.id, second.id));
		expect(figures).toMatchObject({
			size: 3,
			circlesFilled: 3,
			emotional: 2,
			practical: 1,
			illness: 0
		});
		expect(figures?.itemsEncrypted).not.toContain('Mum');

		// Asked the other way round, the older one is still "before".
		const cmp = await compareSnapshots({ app, actor, input: { a: second.id, b: first.id } });
		expect(cmp.snapshots.map((s) => s.id)).toEqual([second.id, first.id]);
		expect(cmp.pair?.before.id).toBe(first.id);
		const diff = cmp.pair?.diff;
		expect(diff?.added.map((i) => i.label)).toEqual(['Walking group']);
		expect(diff?.removed.map((i) => i.label)).toEqual(['Old job']);
		expect(diff?.closer.map((i) => [i.label, i.from, i.circle])).toEqual([['Mum', 2, 1]]);
		expect(diff?.further.map((i) => [i.label, i.from, i.circle])).toEqual([['Dog', 1, 2]]);

		// Another member cannot open them: not found, like an id nobody had.
		const other = await person(['member']);
		expect(
			(
				await failure(
					compareSnapshots({ app, actor: other.actor, input: { a: first.id, b: second.id } })
				)
			).code
		).toBe('not_found');
	});

	it('lets a carer see a shared map and suggest, the member approve, and revoking end it at once', async () => {
		const site = await makeSite(app);
		const member = (await makePerson(app, site, ['member'])).actor;
		const carer = (await makePerson(app, site, ['carer'])).actor;
		await addItem({ app, actor: member, input: fields('Neighbour Bo', { kind: 'neighbour' }) });

		// Not shared yet: nothing to see.
		expect(
			(await failure(getSharedMap({ app, actor: carer, input: { memberId: member.userId } }))).code
		).toBe('not_found');
		await shareMap({ db: app.db, actor: member, input: { supporterId: carer.userId } });
		expect(await listSharedMaps({ db: app.db, actor: carer })).toEqual([
			{ memberId: member.userId, name: expect.any(String) }
		]);
		const seen = await getSharedMap({ app, actor: carer, input: { memberId: member.userId } });
		expect(seen.items.map((i) => i.label)).toEqual(['Neighbour Bo']);

		const one = await suggestItem({
			app,
			actor: carer,
			input: { memberId: member.userId, label: 'Chess club', kind: 'group', circle: '3' }
		});
		const two = await suggestItem({
			app,
			actor: carer,
			input: { memberId: member.userId, label: 'Cousin', kind: 'family', circle: '2' }
		});
		// The suggestion waits: the map has not changed.
		expect((await getMap({ app, actor: member })).items).toHaveLength(1);
		const sharing = await mapSharing({ app, actor: member });
		expect(sharing.suggestions.map((s) => s.label)).toEqual(['Chess club', 'Cousin']);
		await decideSuggestion({
			app,
			actor: member,
			input: { suggestionId: one.id, decision: 'accept' }
		});
		await decideSuggestion({
			app,
			actor: member,
			input: { suggestionId: two.id, decision: 'decline' }
		});
		expect((await getMap({ app, actor: member })).items.map((i) => i.label)).toEqual([
			'Neighbour Bo',
			'Chess club'
		]);
		expect((await mapSharing({ app, actor: member })).suggestions).toEqual([]);
		// Deciding twice is not possible.
		expect(
			(
				await failure(
					decideSuggestion({
						app,
						actor: member,
						input: { suggestionId: two.id, decision: 'accept' }
					})
				)
			).code
		).toBe('not_found');

		await revokeMapShare({ db: app.db, actor: member, input: { supporterId: carer.userId } });
		expect(
			(await failure(getSharedMap({ app, actor: carer, input: { memberId: member.userId } }))).code
		).toBe('not_found');
		expect(
			(
				await failure(
					suggestItem({
						app,
						actor: carer,
						input: { memberId: member.userId, label: 'x', kind: 'pet', circle: '1' }
					})
				)
			).code
		).toBe('not_found');
		expect(await listSharedMaps({ db: app.db, actor: carer })).toEqual([]);
		expect(await actionsOf(carer)).toEqual([
			'network.read_shared',
			'network.suggest',
			'network.suggest'
		]);

		// A carer of another site is refused as "not found" even when named.
		const elsewhere = await person(['carer']);
		expect(
			(
				await failure(
					shareMap({ db: app.db, actor: member, input: { supporterId: elsewhere.actor.userId } })
				)
			).fields
		).toEqual({ supporterId: 'err_supporter' });
	});

	it('opens a facilitated session only when the member agrees, and closes the map when it ends', async () => {
		const site = await makeSite(app);
		const member = (await makePerson(app, site, ['member'])).actor;
		const pro = (await makePerson(app, site, ['professional'])).actor;
		const { id: sessionId } = await askSession({
			db: app.db,
			actor: pro,
			input: { memberId: member.userId }
		});
		// Asked but not agreed: the facilitator cannot open the map.
		expect((await failure(getMap({ app, actor: pro, input: { sessionId } }))).code).toBe(
			'not_found'
		);
		await answerSession({ db: app.db, actor: member, input: { sessionId, answer: 'agree' } });
		await addItem({
			app,
			actor: pro,
			input: { ...fields('Day centre', { kind: 'place' }), sessionId }
		});
		await saveSnapshot({ app, actor: pro, input: { sessionId } });
		expect((await getMap({ app, actor: member })).items.map((i) => i.label)).toEqual([
			'Day centre'
		]);
		expect((await getMap({ app, actor: pro, input: { sessionId } })).items).toHaveLength(1);
		await endSession({ db: app.db, actor: member, input: { sessionId } });
		expect((await failure(getMap({ app, actor: pro, input: { sessionId } }))).code).toBe(
			'not_found'
		);
		const logged = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entityType, 'network_session'), eq(auditLog.entityId, sessionId)))
			.orderBy(auditLog.id);
		expect(logged.map((l) => l.action)).toEqual([
			'network.session_ask',
			'network.session_agree',
			'network.read_session',
			'network.session_end'
		]);
		// A member cannot facilitate.
		expect(
			(await failure(askSession({ db: app.db, actor: member, input: { memberId: pro.userId } })))
				.code
		).toBe('not_found');
	});
});
