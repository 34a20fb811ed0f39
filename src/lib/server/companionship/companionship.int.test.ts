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
	getMemberCompanionship,
	requestCompanion,
	withdrawRequest
} from './member-companionship';
import { getPeerCompanionship, logContact, saveCompanionProfile } from './peer-companionship';
import { getCoordination, offerCompanion } from './coordinate-companionship';
import { endCompanionship } from './end-companionship';
import { getCompanionshipHistory } from './companionship-history';
import { companionRequests } from './companionship.schema';
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
			endsOn: '2026-06-10'
		});
		expect(peerView.companions[0]?.contacts.map((c) => c.date)).toEqual([
			'2026-03-18',
			'2026-03-15'
		]);
		const dose = await getCompanionshipHistory({
			db: app.db,
			actor: admin,
			as: 'coordinator',
			filter: 'active',
			now: later
		});
		expect(dose).toEqual([
			expect.objectContaining({ id, contacts: 2, minutes: 65, outcome: 'active' })
		]);

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
		// It ran its full length: every side sees it as completed, with its dose.
		for (const [actor, as] of [
			[member, 'member'],
			[peerA, 'companion'],
			[admin, 'coordinator']
		] as const) {
			const [past] = await getCompanionshipHistory({
				db: app.db,
				actor,
				as,
				filter: 'ended',
				now: after
			});
			expect(past).toMatchObject({
				id,
				outcome: 'completed',
				endedBy: null,
				endReason: null,
				startedOn: '2026-03-10',
				endsOn: '2026-06-10',
				contacts: 2,
				minutes: 65
			});
		}
		expect(
			(await getPeerCompanionship({ db: app.db, actor: peerA, now: after })).companions
		).toEqual([]);
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
			(
				await errorsOf(
					endCompanionship({
						db: app.db,
						actor: other,
						as: 'member',
						input: { requestId: id, reason: 'member_choice' }
					})
				)
			).code
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
		expect(
			await getCompanionshipHistory({
				db: app.db,
				actor: otherAdmin,
				as: 'coordinator',
				filter: 'all'
			})
		).toEqual([]);
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
		await endCompanionship({
			db: app.db,
			actor: member,
			as: 'member',
			input: { requestId: id, reason: 'member_choice' }
		});
		expect((await getPeerCompanionship({ db: app.db, actor: peerA })).companions).toEqual([]);
	});

	/** A companionship on the setting's site between `member` and `peer`, accepted at `start`. */
	async function pair(s: { admin: Actor }, member: Actor, peer: Actor, start: Date) {
		const { id } = await requestCompanion({
			db: app.db,
			actor: member,
			input: { note: 'A private hope', languages: '', interests: '' }
		});
		await offerCompanion({
			db: app.db,
			actor: s.admin,
			input: { requestId: id, peerId: peer.userId }
		});
		await answerOffer({
			db: app.db,
			actor: member,
			input: { requestId: id, answer: 'accept' },
			now: start
		});
		return id;
	}
	const rowOf = async (id: string) => {
		const [row] = await app.db.select().from(companionRequests).where(eq(companionRequests.id, id));
		return row;
	};

	it('lets the member, the companion and the coordinator end it, each with a reason, seen by all', async () => {
		const s = await setting();
		const site = s.member.site as Site;
		const start = new Date('2026-02-02T09:00:00Z');
		const now = new Date('2026-02-20T09:00:00Z');
		const later = new Date('2026-02-21T09:00:00Z');
		const member2 = (await makePerson(app, site, ['member'])).actor;
		const member3 = (await makePerson(app, site, ['member'])).actor;
		const byMember = await pair(s, s.member, s.peerA, start);
		const byCompanion = await pair(s, member2, s.peerA, start);
		const byCoordinator = await pair(s, member3, s.peerB, start);
		await logContact({
			db: app.db,
			actor: s.peerA,
			input: {
				requestId: byCompanion,
				date: '2026-02-10',
				mode: 'online',
				minutes: '40',
				note: 'Job fair'
			},
			now
		});
		await logContact({
			db: app.db,
			actor: s.peerA,
			input: { requestId: byCompanion, date: '2026-02-12', mode: 'phone', minutes: '15' },
			now
		});

		await endCompanionship({
			db: app.db,
			actor: s.member,
			as: 'member',
			input: { requestId: byMember, reason: 'no_contact' },
			now
		});
		await endCompanionship({
			db: app.db,
			actor: s.peerA,
			as: 'companion',
			input: { requestId: byCompanion, reason: 'goals_met' },
			now
		});
		await endCompanionship({
			db: app.db,
			actor: s.admin,
			as: 'coordinator',
			input: { requestId: byCoordinator, reason: 'safety' },
			now
		});
		expect(await rowOf(byMember)).toMatchObject({
			status: 'ended',
			endedAt: now,
			endedBy: s.member.userId,
			endReason: 'no_contact'
		});
		expect(await rowOf(byCompanion)).toMatchObject({
			status: 'ended',
			endedBy: s.peerA.userId,
			endReason: 'goals_met'
		});
		expect(await rowOf(byCoordinator)).toMatchObject({
			status: 'ended',
			endedBy: s.admin.userId,
			endReason: 'safety'
		});

		// Once ended, nothing more is logged, though the day lies before the planned end date.
		expect(
			await errorsOf(
				logContact({
					db: app.db,
					actor: s.peerA,
					input: { requestId: byCompanion, date: '2026-02-20', mode: 'phone', minutes: '10' },
					now: later
				})
			)
		).toEqual({ code: 'invalid_input', fields: { date: 'companion_err_ended' } });
		expect(
			(await getPeerCompanionship({ db: app.db, actor: s.peerA, now: later })).companions
		).toEqual([]);

		// The member sees their companion's name, not their own; no notes anywhere in a history.
		const mine = await getCompanionshipHistory({
			db: app.db,
			actor: member2,
			as: 'member',
			filter: 'ended',
			now: later
		});
		expect(mine).toEqual([
			{
				id: byCompanion,
				memberName: null,
				peerName: expect.stringMatching(/\S/),
				startedOn: '2026-02-02',
				endsOn: '2026-02-20',
				outcome: 'ended',
				endedBy: 'companion',
				endReason: 'goals_met',
				contacts: 2,
				minutes: 55
			}
		]);
		// The companion sees the people they accompanied, with the member's name, not their own.
		const accompanied = await getCompanionshipHistory({
			db: app.db,
			actor: s.peerA,
			as: 'companion',
			filter: 'ended',
			now: later
		});
		expect(accompanied.map((h) => [h.id, h.endedBy, h.endReason, h.peerName])).toEqual(
			expect.arrayContaining([
				[byMember, 'member', 'no_contact', null],
				[byCompanion, 'companion', 'goals_met', null]
			])
		);
		expect(accompanied).toHaveLength(2);
		expect(accompanied.every((h) => h.memberName && h.memberName.length > 0)).toBe(true);
		// peerB did not accompany anyone whose companionship peerA ended.
		const peerBPast = await getCompanionshipHistory({
			db: app.db,
			actor: s.peerB,
			as: 'companion',
			filter: 'ended',
			now: later
		});
		expect(peerBPast.map((h) => [h.id, h.endedBy, h.endReason])).toEqual([
			[byCoordinator, 'coordinator', 'safety']
		]);
		// The coordinator sees all three, with both names.
		const site3 = await getCompanionshipHistory({
			db: app.db,
			actor: s.admin,
			as: 'coordinator',
			filter: 'ended',
			now: later
		});
		expect(site3.map((h) => h.id).sort()).toEqual([byMember, byCompanion, byCoordinator].sort());
		expect(site3.every((h) => h.memberName && h.peerName)).toBe(true);
		expect(Object.keys(site3[0] ?? {}).sort()).toEqual(
			[
				'contacts',
				'endReason',
				'endedBy',
				'endsOn',
				'id',
				'memberName',
				'minutes',
				'outcome',
				'peerName',
				'startedOn'
			].sort()
		);

		// The member may ask again at once.
		const again = await requestCompanion({
			db: app.db,
			actor: s.member,
			input: { languages: '', interests: '' },
			now: later
		});
		expect(
			(await getMemberCompanionship({ db: app.db, actor: s.member, now: later })).current
		).toMatchObject({ id: again.id, status: 'requested' });

		const audit = await app.db
			.select({ action: auditLog.action, role: auditLog.actingRole, details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'companionship.end')));
		expect(audit.map((a) => [a.role, a.details])).toEqual(
			expect.arrayContaining([
				['member', { by: 'member' }],
				['peer_worker', { by: 'companion' }],
				['site_admin', { by: 'coordinator' }]
			])
		);
		const reads = await app.db
			.select({ details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'companionship.read')));
		expect(reads.map((r) => r.details)).toEqual(
			expect.arrayContaining([
				{ view: 'member_history', filter: 'ended', entries: 1 },
				{ view: 'companion_history', filter: 'ended', entries: 2 },
				{ view: 'coordinator_history', filter: 'ended', entries: 3 }
			])
		);
	});

	it('refuses a missing or unknown reason, one already over, and anyone else’s companionship', async () => {
		const s = await setting();
		const site = s.member.site as Site;
		const start = new Date('2026-04-01T09:00:00Z');
		const now = new Date('2026-04-10T09:00:00Z');
		const id = await pair(s, s.member, s.peerA, start);
		const end = (
			actor: Actor,
			as: 'member' | 'companion' | 'coordinator',
			input: Record<string, string>,
			at = now
		) =>
			errorsOf(
				endCompanionship({
					db: app.db,
					actor,
					as,
					input: { requestId: id, ...input } as never,
					now: at
				})
			);

		expect(await end(s.peerA, 'companion', {})).toEqual({
			code: 'invalid_input',
			fields: { reason: 'companion_err_end_reason' }
		});
		expect(await end(s.admin, 'coordinator', { reason: 'bored' })).toEqual({
			code: 'invalid_input',
			fields: { reason: 'companion_err_end_reason' }
		});
		// "Safety" is a staff decision: a member who feels unsafe tells the coordinator.
		expect(await end(s.member, 'member', { reason: 'safety' })).toEqual({
			code: 'invalid_input',
			fields: { reason: 'companion_err_end_reason' }
		});
		// Not theirs: another peer worker, another member, another site's coordinator, a member
		// acting as companion, a made-up id. All look the same.
		const other = (await makePerson(app, site, ['member'])).actor;
		const elsewhere = await makeSite(app);
		const otherAdmin = (await makePerson(app, elsewhere, ['site_admin'])).actor;
		for (const [actor, as] of [
			[s.peerB, 'companion'],
			[other, 'member'],
			[otherAdmin, 'coordinator'],
			[s.member, 'companion'],
			[s.peerA, 'coordinator']
		] as const)
			expect((await end(actor, as, { reason: 'other' })).code).toBe('not_found');
		expect(
			(
				await errorsOf(
					endCompanionship({
						db: app.db,
						actor: s.admin,
						as: 'coordinator',
						input: { requestId: 'not-an-id', reason: 'other' }
					})
				)
			).code
		).toBe('not_found');
		// A request that has not become a companionship is withdrawn, not ended.
		const { id: waiting } = await requestCompanion({
			db: app.db,
			actor: other,
			input: { languages: '', interests: '' }
		});
		expect(
			(
				await errorsOf(
					endCompanionship({
						db: app.db,
						actor: s.admin,
						as: 'coordinator',
						input: { requestId: waiting, reason: 'other' }
					})
				)
			).code
		).toBe('not_found');
		await withdrawRequest({ db: app.db, actor: other, input: { requestId: waiting } });
		expect((await rowOf(waiting))?.status).toBe('declined');
		expect((await rowOf(id))?.status).toBe('active');

		// Ended once; the second try, by anyone, is told so and changes nothing.
		expect((await end(s.peerA, 'companion', { reason: 'peer_unavailable' })).code).toBe('none');
		expect(await end(s.admin, 'coordinator', { reason: 'safety' })).toEqual({
			code: 'conflict',
			fields: { reason: 'companion_err_already_ended' }
		});
		expect(await end(s.member, 'member', { reason: 'member_choice' })).toEqual({
			code: 'conflict',
			fields: { reason: 'companion_err_already_ended' }
		});
		expect(await rowOf(id)).toMatchObject({
			endedBy: s.peerA.userId,
			endReason: 'peer_unavailable'
		});

		// One that ran its full length is over too: completed, not ended early.
		const member2 = (await makePerson(app, site, ['member'])).actor;
		const ran = await pair(s, member2, s.peerB, start);
		const afterEnd = new Date('2026-12-01T09:00:00Z');
		expect(
			await errorsOf(
				endCompanionship({
					db: app.db,
					actor: s.peerB,
					as: 'companion',
					input: { requestId: ran, reason: 'goals_met' },
					now: afterEnd
				})
			)
		).toEqual({ code: 'conflict', fields: { reason: 'companion_err_already_ended' } });
		expect(await rowOf(ran)).toMatchObject({ status: 'active', endedAt: null, endedBy: null });
	});

	it('filters the site’s history into running, over, or all, and shows how each ended', async () => {
		const s = await setting();
		const site = s.member.site as Site;
		const start = new Date('2026-01-10T09:00:00Z');
		const member2 = (await makePerson(app, site, ['member'])).actor;
		const member3 = (await makePerson(app, site, ['member'])).actor;
		const running = await pair(s, s.member, s.peerA, new Date('2026-05-01T09:00:00Z'));
		const completed = await pair(s, member2, s.peerA, start);
		const ended = await pair(s, member3, s.peerB, start);
		await endCompanionship({
			db: app.db,
			actor: s.admin,
			as: 'coordinator',
			input: { requestId: ended, reason: 'peer_unavailable' },
			now: new Date('2026-03-01T09:00:00Z')
		});
		// A request still waiting for a match is not a companionship: in no history.
		const member4 = (await makePerson(app, site, ['member'])).actor;
		await requestCompanion({ db: app.db, actor: member4, input: { languages: '', interests: '' } });
		const now = new Date('2026-08-01T09:00:00Z');
		const view = (filter: 'active' | 'ended' | 'all') =>
			getCompanionshipHistory({ db: app.db, actor: s.admin, as: 'coordinator', filter, now });
		expect((await view('active')).map((h) => [h.id, h.outcome])).toEqual([[running, 'active']]);
		expect(
			(await view('ended')).map((h) => [h.id, h.outcome, h.endedBy, h.endReason]).sort()
		).toEqual(
			[
				[completed, 'completed', null, null],
				[ended, 'ended', 'coordinator', 'peer_unavailable']
			].sort()
		);
		expect((await view('all')).map((h) => h.id)).toHaveLength(3);
		expect((await view('ended')).find((h) => h.id === ended)).toMatchObject({
			startedOn: '2026-01-10',
			endsOn: '2026-03-01'
		});
		// Neither a member nor a peer worker reads the site's history.
		for (const [actor, as] of [
			[s.member, 'coordinator'],
			[s.peerA, 'coordinator'],
			[s.admin, 'member']
		] as const)
			expect(
				(await errorsOf(getCompanionshipHistory({ db: app.db, actor, as, filter: 'all' }))).code
			).toBe('not_found');
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
