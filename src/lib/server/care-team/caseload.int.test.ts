import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { companionContacts, companionRequests } from '../companionship/companionship.schema';
import { groupAttendance, groupSessions } from '../groups/groups.schema';
import { careTeamRequests } from './care-team.schema';
import { assignCareTeam } from './assign-care-team';
import { listCaseload } from './list-caseload';
import { getOwnCareTeam } from './get-own-care-team';
import { getPersonCareTeam } from './get-person-care-team';
import { requestCareTeamChange } from './request-care-team-change';
import { answerCareTeamRequest } from './answer-care-team-request';

const DAY = 86_400_000;

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

describe.each(dbKinds)('caseload and requests on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('lists a supporter’s people with their own last contact, sorted, and audits the read', async () => {
		const site = await makeSite(app, { timeZone: 'UTC' });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const now = new Date('2026-12-07T12:00:00Z');
		// A group the peer worker facilitates, with two members; one came to a session on 1 Dec.
		const group = await makeGroup(app, site, { members: 2, sessions: 1 });
		const peer = group.facilitators[0];
		const [ana, ben] = group.members;
		if (!peer || !ana || !ben) throw new Error('group factory gave too few people');
		const sessionId = group.sessionIds[0] ?? '';
		await app.db
			.update(groupSessions)
			.set({ startsAt: new Date('2026-12-01T17:00:00Z'), endsAt: new Date('2026-12-01T18:30:00Z') })
			.where(eq(groupSessions.id, sessionId));
		await app.db
			.insert(groupAttendance)
			.values({ sessionId, userId: ana.userId, present: true, source: 'manual' });
		// Ben is the peer's companion, with a contact logged on 20 Nov; Cleo is assigned, never met.
		const cleo = (await makePerson(app, site, ['member'])).actor;
		const [match] = await app.db
			.insert(companionRequests)
			.values({
				siteId: site.id,
				memberId: ben.userId,
				status: 'active',
				peerId: peer.userId,
				acceptedAt: new Date('2026-11-02T10:00:00Z'),
				endsAt: new Date(now.getTime() + 90 * DAY)
			})
			.returning({ id: companionRequests.id });
		await app.db.insert(companionContacts).values({
			requestId: match?.id ?? '',
			date: '2026-11-20',
			mode: 'phone',
			minutes: 30,
			loggedBy: peer.userId
		});
		for (const [member, startedOn] of [
			[ana, '2026-10-01'],
			[cleo, '2026-11-15']
		] as const)
			await assignCareTeam({
				db: app.db,
				actor: admin,
				input: {
					memberId: member.userId,
					supporterId: peer.userId,
					role: 'peer_worker',
					startedOn
				},
				now
			});

		const rows = await listCaseload({ db: app.db, actor: peer, now });
		expect(rows.map((r) => [r.memberId, r.roles, r.since, r.lastContact])).toEqual([
			[cleo.userId, ['peer_worker'], '2026-11-15', null],
			[ben.userId, ['companion'], '2026-11-02', { day: '2026-11-20', kind: 'companion_contact' }],
			[ana.userId, ['peer_worker'], '2026-10-01', { day: '2026-12-01', kind: 'group_session' }]
		]);
		expect(
			(await listCaseload({ db: app.db, actor: peer, sort: 'since', now })).map((r) => r.memberId)
		).toEqual([ana.userId, ben.userId, cleo.userId]);
		const [audit] = await app.db
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(eq(auditLog.actorUserId, peer.userId));
		expect(audit).toEqual({ action: 'care_team.caseload_read', details: { count: 3 } });

		// The other facilitator has no one; a member and an admin have no caseload at all.
		const other = group.facilitators[1];
		if (!other) throw new Error('no second facilitator');
		expect(await listCaseload({ db: app.db, actor: other, now })).toEqual([]);
		expect((await failure(listCaseload({ db: app.db, actor: ana, now }))).code).toBe('not_found');
		expect((await failure(listCaseload({ db: app.db, actor: admin, now }))).code).toBe('not_found');
	});

	it('lets a member ask for a change in their words (encrypted), the admin answer, the member read it', async () => {
		const site = await makeSite(app);
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const member = (await makePerson(app, site, ['member'])).actor;
		const pro = (await makePerson(app, site, ['professional'])).actor;
		const stranger = (await makePerson(app, site, ['professional'])).actor;
		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: pro.userId, role: 'counsellor' }
		});
		// Only someone on the team (or the team as a whole) can be asked about.
		expect(
			await failure(
				requestCareTeamChange({
					app,
					actor: member,
					input: { aboutId: stranger.userId, reason: 'x' }
				})
			)
		).toEqual({ code: 'invalid_input', fields: { aboutId: 'care_err_about' } });
		const words = 'I would like a woman counsellor, please.';
		const { id } = await requestCareTeamChange({
			app,
			actor: member,
			input: { aboutId: pro.userId, reason: words }
		});
		const [stored] = await app.db
			.select()
			.from(careTeamRequests)
			.where(eq(careTeamRequests.id, id));
		expect(stored?.reasonEncrypted).not.toContain('counsellor');
		// One open request at a time.
		expect(
			(await failure(requestCareTeamChange({ app, actor: member, input: { reason: 'again' } })))
				.fields
		).toEqual({ reason: 'care_err_request_open' });

		const seen = await getPersonCareTeam({ app, actor: admin, input: { memberId: member.userId } });
		expect(seen.team.professional?.userId).toBe(pro.userId);
		expect(seen.requests).toEqual([
			expect.objectContaining({ id, reason: words, status: 'open', aboutName: expect.any(String) })
		]);
		expect(seen.professionals.map((p) => p.userId).sort()).toEqual(
			[pro.userId, stranger.userId].sort()
		);
		// The professional is not the coordinator: the admin view is not theirs; another site's admin neither.
		expect(
			(await failure(getPersonCareTeam({ app, actor: pro, input: { memberId: member.userId } })))
				.code
		).toBe('not_found');
		const otherAdmin = (await makePerson(app, await makeSite(app), ['site_admin'])).actor;
		expect(
			(
				await failure(
					answerCareTeamRequest({
						app,
						actor: otherAdmin,
						input: { memberId: member.userId, requestId: id, status: 'kept' }
					})
				)
			).code
		).toBe('not_found');

		await answerCareTeamRequest({
			app,
			actor: admin,
			input: {
				memberId: member.userId,
				requestId: id,
				status: 'changed',
				answer: 'Done from Monday.'
			}
		});
		const own = await getOwnCareTeam({ app, actor: member });
		expect(own.requests).toEqual([
			expect.objectContaining({ status: 'changed', answer: 'Done from Monday.', reason: words })
		]);
		// Answered once: a second answer finds nothing open.
		expect(
			(
				await failure(
					answerCareTeamRequest({
						app,
						actor: admin,
						input: { memberId: member.userId, requestId: id, status: 'kept' }
					})
				)
			).code
		).toBe('not_found');
		const actions = (
			await app.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.entityId, id))
		).map((r) => r.action);
		expect(actions).toEqual(['care_team.request', 'care_team.request_answer']);
	});
});
