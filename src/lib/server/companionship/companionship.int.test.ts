import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import type { Actor } from '../access/actor';
import type { Site } from '../sites/sites.schema';
import { auditLog } from '../audit/audit.schema';
import { updateSite } from '../sites/update-site';
import { ZUpdateSiteInput } from '../sites/site.validation';
import {
	answerOffer,
	endCompanionship,
	getMemberCompanionship,
	requestCompanion
} from './member-companionship';
import { getPeerCompanionship, logContact, saveCompanionProfile } from './peer-companionship';
import { getCoordination, offerCompanion } from './coordinate-companionship';
import { getOwnSupervision, logSupervision } from './supervision';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

describe.each(dbKinds)('peer companionship on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** A UTC site (so calendar days are easy to reason about) with a coordinator, a member, peers. */
	async function setting(siteOverrides: Record<string, unknown> = {}) {
		const site = await makeSite(app, { timeZone: 'UTC', ...siteOverrides });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const member = (await makePerson(app, site, ['member'])).actor;
		const peerA = (await makePerson(app, site, ['peer_worker'])).actor;
		const peerB = (await makePerson(app, site, ['peer_worker'])).actor;
		return { site, admin, member, peerA, peerB };
	}
	const profile = (actor: Actor, languages: string, interests: string, accepting = true) =>
		saveCompanionProfile({
			db: app.db,
			actor,
			input: { languages, interests, availability: 'Tuesday evenings', accepting }
		});
	const errorsOf = async (p: Promise<unknown>) =>
		p.then(
			() => ({ code: 'none', fields: {} }),
			(e: { code: string; fields: Record<string, string> }) => ({ code: e.code, fields: e.fields })
		);

	it('goes from request through a declined offer to an accepted one that ends after the site length', async () => {
		const { site, admin, member, peerA, peerB } = await setting();
		// The site sets a 3-month companionship instead of PEER's 6.
		await updateSite({
			db: app.db,
			actor: admin,
			input: ZUpdateSiteInput.parse({
				name: site.name,
				defaultLocale: 'en',
				locales: ['en'],
				timeZone: 'UTC',
				companionshipMonths: '3',
				crisisContacts: 'Emergency | 112'
			})
		});
		await profile(peerA, 'Danish, English', 'music, walking');
		await profile(peerB, 'Arabic', 'cooking');
		const { id } = await requestCompanion({
			db: app.db,
			actor: member,
			input: { note: 'Someone to walk with', languages: 'english', interests: 'Walking' }
		});
		expect((await getMemberCompanionship({ db: app.db, actor: member })).current?.status).toBe(
			'requested'
		);
		// A second request while one is open is refused.
		expect(
			await errorsOf(
				requestCompanion({ db: app.db, actor: member, input: { languages: '', interests: '' } })
			)
		).toEqual({ code: 'conflict', fields: { note: 'companion_err_already_open' } });

		await offerCompanion({
			db: app.db,
			actor: admin,
			input: { requestId: id, peerId: peerB.userId }
		});
		const offered = await getMemberCompanionship({ db: app.db, actor: member });
		expect(offered.current?.status).toBe('offered');
		expect(offered.current?.peer?.languages).toEqual(['Arabic']);
		await answerOffer({ db: app.db, actor: member, input: { requestId: id, answer: 'decline' } });
		expect((await getMemberCompanionship({ db: app.db, actor: member })).current?.status).toBe(
			'requested'
		);
		// The declined peer worker goes last among the candidates.
		const view = await getCoordination({ db: app.db, actor: admin });
		const open = view.open.find((r) => r.id === id);
		expect(open?.candidates.map((c) => c.userId)).toEqual([peerA.userId, peerB.userId]);
		expect(open?.candidates[1]?.declined).toBe(true);

		await offerCompanion({
			db: app.db,
			actor: admin,
			input: { requestId: id, peerId: peerA.userId }
		});
		const second = await getMemberCompanionship({ db: app.db, actor: member });
		expect(second.current?.peer).toMatchObject({
			name: expect.any(String),
			languages: ['Danish', 'English'],
			sharedInterests: ['walking'],
			availability: 'Tuesday evenings'
		});
		const start = new Date('2026-03-10T12:00:00Z');
		await answerOffer({
			db: app.db,
			actor: member,
			input: { requestId: id, answer: 'accept' },
			now: start
		});
		const later = new Date(start.getTime() + 10 * DAY);
		const mine = await getMemberCompanionship({ db: app.db, actor: member, now: later });
		expect(mine.current?.status).toBe('active');
		expect(mine.current?.endsAt?.toISOString()).toBe('2026-06-10T12:00:00.000Z');

		await logContact({
			db: app.db,
			actor: peerA,
			input: { requestId: id, date: '2026-03-15', mode: 'phone', minutes: '20' },
			now: later
		});
		await logContact({
			db: app.db,
			actor: peerA,
			input: { requestId: id, date: '2026-03-18', mode: 'in_person', minutes: '45', note: 'Walk' },
			now: later
		});
		const peerView = await getPeerCompanionship({ db: app.db, actor: peerA, now: later });
		expect(peerView.companions).toHaveLength(1);
		expect(peerView.companions[0]).toMatchObject({
			memberName: expect.any(String),
			minutes: 65,
			daysLeft: 82,
			over: false,
			endsOn: '2026-06-10'
		});
		expect(peerView.companions[0]?.contacts.map((c) => c.date)).toEqual([
			'2026-03-18',
			'2026-03-15'
		]);
		const dose = (await getCoordination({ db: app.db, actor: admin, now: later })).active;
		expect(dose).toEqual([expect.objectContaining({ id, contacts: 2, minutes: 65, over: false })]);

		// After the end date nothing more can be logged, and the member may ask again.
		const after = new Date('2026-06-11T09:00:00Z');
		expect(
			await errorsOf(
				logContact({
					db: app.db,
					actor: peerA,
					input: { requestId: id, date: '2026-06-09', mode: 'online', minutes: '30' },
					now: after
				})
			)
		).toEqual({ code: 'invalid_input', fields: { date: 'companion_err_ended' } });
		expect((await getMemberCompanionship({ db: app.db, actor: member, now: after })).current).toBe(
			null
		);
		const audit = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.entityId, id)));
		expect(audit.map((a) => a.action)).toEqual(
			expect.arrayContaining([
				'companionship.request',
				'companionship.offer',
				'companionship.decline',
				'companionship.accept'
			])
		);
	});

	async function activeCompanionship(now: Date) {
		const s = await setting();
		await profile(s.peerA, 'English', 'art');
		const { id } = await requestCompanion({
			db: app.db,
			actor: s.member,
			input: { languages: 'English', interests: 'art' }
		});
		await offerCompanion({
			db: app.db,
			actor: s.admin,
			input: { requestId: id, peerId: s.peerA.userId }
		});
		await answerOffer({
			db: app.db,
			actor: s.member,
			input: { requestId: id, answer: 'accept' },
			now
		});
		return { ...s, id };
	}

	it('refuses contact days in the future, before the start, and bad minutes or modes', async () => {
		const start = new Date('2026-01-05T10:00:00Z');
		const { peerA, id } = await activeCompanionship(start);
		const now = new Date('2026-01-20T10:00:00Z');
		const attempt = (input: Record<string, string>) =>
			errorsOf(
				logContact({
					db: app.db,
					actor: peerA,
					input: { requestId: id, date: day(now), mode: 'phone', minutes: '20', ...input },
					now
				})
			);
		expect((await attempt({ date: '2026-01-21' })).fields).toEqual({
			date: 'companion_err_future'
		});
		expect((await attempt({ date: '2026-01-04' })).fields).toEqual({
			date: 'companion_err_before_start'
		});
		expect((await attempt({ date: '20-01-2026' })).fields).toEqual({ date: 'companion_err_date' });
		expect((await attempt({ minutes: '0' })).fields).toEqual({ minutes: 'companion_err_minutes' });
		expect((await attempt({ minutes: '601' })).fields).toEqual({
			minutes: 'companion_err_minutes'
		});
		expect((await attempt({ mode: 'letter' })).fields).toEqual({ mode: 'companion_err_mode' });
		expect((await attempt({ date: '2026-01-05' })).code).toBe('none');
		expect((await attempt({})).code).toBe('none');
	});

	it('ranks candidates by accepting, shared languages, then shared interests', async () => {
		const { admin, member, peerA, peerB } = await setting();
		const site = peerA.site as Site;
		const peerC = (await makePerson(app, site, ['peer_worker'])).actor;
		const peerD = (await makePerson(app, site, ['peer_worker'])).actor;
		await profile(peerA, 'English', 'chess, music');
		await profile(peerB, 'Danish, English', 'gardening');
		await profile(peerC, 'danish, english', 'Music', false);
		// peerD has no profile yet: not accepting.
		await requestCompanion({
			db: app.db,
			actor: member,
			input: { languages: 'Danish, English', interests: 'music, chess' }
		});
		const [open] = (await getCoordination({ db: app.db, actor: admin })).open;
		expect(open?.candidates.map((c) => c.userId)).toEqual([
			peerB.userId,
			peerA.userId,
			peerC.userId,
			peerD.userId
		]);
		expect(open?.candidates[1]).toMatchObject({
			sharedLanguages: ['English'],
			sharedInterests: ['chess', 'music'],
			accepting: true
		});
	});

	it('shows nobody else’s companionship: other members, other peers, other sites', async () => {
		const start = new Date();
		const { site, member, peerA, peerB, admin, id } = await activeCompanionship(start);
		const other = (await makePerson(app, site, ['member'])).actor;
		// Another member sees no request and cannot answer or end this one.
		expect((await getMemberCompanionship({ db: app.db, actor: other })).current).toBe(null);
		expect(
			(await errorsOf(endCompanionship({ db: app.db, actor: other, input: { requestId: id } })))
				.code
		).toBe('not_found');
		// Another peer worker of the site has no companions and cannot log on this one.
		expect((await getPeerCompanionship({ db: app.db, actor: peerB })).companions).toEqual([]);
		expect(
			(
				await errorsOf(
					logContact({
						db: app.db,
						actor: peerB,
						input: { requestId: id, date: day(start), mode: 'phone', minutes: '10' }
					})
				)
			).code
		).toBe('not_found');
		// Another site's coordinator and peer worker cannot reach it either.
		const elsewhere = await makeSite(app);
		const otherAdmin = (await makePerson(app, elsewhere, ['site_admin'])).actor;
		const otherPeer = (await makePerson(app, elsewhere, ['peer_worker'])).actor;
		expect((await getCoordination({ db: app.db, actor: otherAdmin })).active).toEqual([]);
		expect(
			(
				await errorsOf(
					offerCompanion({
						db: app.db,
						actor: otherAdmin,
						input: { requestId: id, peerId: otherPeer.userId }
					})
				)
			).code
		).toBe('not_found');
		// A coordinator cannot offer a peer worker of another site.
		const { id: second } = await requestCompanion({
			db: app.db,
			actor: other,
			input: { languages: '', interests: '' }
		});
		expect(
			(
				await errorsOf(
					offerCompanion({
						db: app.db,
						actor: admin,
						input: { requestId: second, peerId: otherPeer.userId }
					})
				)
			).code
		).toBe('not_found');
		// A member cannot use the coordinator's or a peer's use cases.
		expect((await errorsOf(getCoordination({ db: app.db, actor: member }))).code).toBe('not_found');
		expect((await errorsOf(getPeerCompanionship({ db: app.db, actor: member }))).code).toBe(
			'not_found'
		);
		// Ending it early stops logging at once.
		await endCompanionship({ db: app.db, actor: member, input: { requestId: id } });
		expect((await getPeerCompanionship({ db: app.db, actor: peerA })).companions).toEqual([]);
	});

	it('keeps supervision and intervision totals for the last three months', async () => {
		const { admin, peerA, peerB } = await setting();
		const now = new Date('2026-05-20T12:00:00Z');
		const log = (actor: Actor, input: Record<string, string>) =>
			logSupervision({
				db: app.db,
				actor,
				now,
				input: {
					kind: 'supervision',
					date: '2026-05-01',
					minutes: '60',
					withWhom: 'Dr. Jensen',
					...input
				}
			});
		await log(peerA, {});
		await log(peerA, { kind: 'intervision', minutes: '90', withWhom: 'intervision group' });
		await log(peerA, { date: '2026-01-10' }); // older than three months: not in the totals
		await log(peerB, { minutes: '45' });
		expect((await errorsOf(log(peerA, { date: '2026-05-21' }))).fields).toEqual({
			date: 'companion_err_future'
		});
		expect((await errorsOf(log(peerA, { withWhom: ' ' }))).fields).toEqual({
			withWhom: 'err_required'
		});
		const own = await getOwnSupervision({ db: app.db, actor: peerA, now });
		expect(own.entries).toHaveLength(2);
		expect(own.totals).toEqual({
			supervision: { sessions: 1, minutes: 60 },
			intervision: { sessions: 1, minutes: 90 }
		});
		const view = await getCoordination({ db: app.db, actor: admin, now });
		expect(view.supervision.find((s) => s.userId === peerB.userId)?.totals.supervision).toEqual({
			sessions: 1,
			minutes: 45
		});
		// Nobody else's log is visible to a peer worker.
		expect((await getOwnSupervision({ db: app.db, actor: peerB, now })).entries).toHaveLength(1);
	});
});
