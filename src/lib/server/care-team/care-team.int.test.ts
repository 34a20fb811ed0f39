import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { AppError } from '../errors';
import { auditLog } from '../audit/audit.schema';
import { memberships } from '../people/people.schema';
import { companionRequests } from '../companionship/companionship.schema';
import { createGoal } from '../goals/create-goal';
import { shareGoal } from '../goals/share-goal';
import { revokeGoalShare } from '../goals/revoke-goal-share';
import { careTeamAssignments } from './care-team.schema';
import { assignedProfessionalOf, careTeamOf } from './care-team-of';
import { assignCareTeam } from './assign-care-team';
import { endCareAssignment } from './end-care-assignment';
import { registerOpenItemsMover } from './open-items';

const DAY = 86_400_000;

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

describe.each(dbKinds)('care team on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** A UTC site with an admin, a member, two professionals, a peer worker and a carer. */
	async function setting() {
		const site = await makeSite(app, { timeZone: 'UTC' });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const member = (await makePerson(app, site, ['member'])).actor;
		const proA = (await makePerson(app, site, ['professional'])).actor;
		const proB = (await makePerson(app, site, ['professional'])).actor;
		const peer = (await makePerson(app, site, ['peer_worker'])).actor;
		const carer = (await makePerson(app, site, ['carer'])).actor;
		return { site, admin, member, proA, proB, peer, carer };
	}
	const auditsOn = async (entityId: string) =>
		(
			await app.db
				.select({ action: auditLog.action, details: auditLog.details })
				.from(auditLog)
				.where(eq(auditLog.entityId, entityId))
		).map((r) => r.action);

	it('gives the assigned professional, assigned and companion peer workers, and consenting carers', async () => {
		const { site, admin, member, proA, peer, carer } = await setting();
		const scope = { siteId: site.id, memberId: member.userId };
		expect(await assignedProfessionalOf(app.db, scope)).toBeNull();
		expect(await careTeamOf(app.db, scope)).toEqual({
			professional: null,
			peerWorkers: [],
			carers: []
		});

		const { id } = await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: proA.userId, role: 'care_coordinator' }
		});
		expect(await assignedProfessionalOf(app.db, scope)).toBe(proA.userId);
		expect(await auditsOn(id)).toEqual(['care_team.assign']);

		// The peer worker is a companion (an active match) and also assigned: listed once, both ways.
		const now = new Date();
		await app.db.insert(companionRequests).values({
			siteId: site.id,
			memberId: member.userId,
			status: 'active',
			peerId: peer.userId,
			acceptedAt: new Date(now.getTime() - 3 * DAY),
			endsAt: new Date(now.getTime() + 90 * DAY)
		});
		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: peer.userId, role: 'peer_worker' }
		});
		// A carer is on the team once the member shares something with them, and off once revoked.
		const goal = await createGoal({ db: app.db, actor: member, input: { text: 'Walk daily' } });
		await shareGoal({
			db: app.db,
			actor: member,
			input: { goalId: goal.id, supporterId: carer.userId }
		});

		const team = await careTeamOf(app.db, scope);
		expect(team.professional).toMatchObject({
			userId: proA.userId,
			role: 'care_coordinator',
			ways: ['assigned']
		});
		expect(team.peerWorkers).toHaveLength(1);
		expect(team.peerWorkers[0]).toMatchObject({
			userId: peer.userId,
			ways: ['assigned', 'companion']
		});
		expect(team.carers).toEqual([
			expect.objectContaining({ userId: carer.userId, role: 'carer', sharedGoals: 1 })
		]);

		await revokeGoalShare({
			db: app.db,
			actor: member,
			input: { goalId: goal.id, supporterId: carer.userId }
		});
		expect((await careTeamOf(app.db, scope)).carers).toEqual([]);
		// Another site sees nobody on this member's team.
		const other = await makeSite(app);
		expect(
			await assignedProfessionalOf(app.db, { siteId: other.id, memberId: member.userId })
		).toBeNull();
	});

	it('hands over with a reason and a day, keeping the history and moving open items', async () => {
		const { site, admin, member, proA, proB } = await setting();
		const moves: string[] = [];
		registerOpenItemsMover('test', async (_tx, h) => {
			if (h.memberId === member.userId) moves.push(`${h.fromId}->${h.toId}@${h.on}`);
			return h.memberId === member.userId ? 2 : 0;
		});
		const now = new Date('2026-12-07T10:00:00Z');
		const first = await assignCareTeam({
			db: app.db,
			actor: admin,
			input: {
				memberId: member.userId,
				supporterId: proA.userId,
				role: 'care_coordinator',
				startedOn: '2026-11-01'
			},
			now
		});
		const input = {
			memberId: member.userId,
			supporterId: proB.userId,
			role: 'counsellor' as const
		};
		// A hand-over needs a reason, and cannot start before the current one did or in the future.
		expect(await failure(assignCareTeam({ db: app.db, actor: admin, input, now }))).toEqual({
			code: 'invalid_input',
			fields: { reason: 'care_err_reason' }
		});
		expect(
			await failure(
				assignCareTeam({
					db: app.db,
					actor: admin,
					input: { ...input, reason: 'leave', startedOn: '2026-10-01' },
					now
				})
			)
		).toEqual({ code: 'invalid_input', fields: { startedOn: 'care_err_date_before' } });
		expect(
			await failure(
				assignCareTeam({
					db: app.db,
					actor: admin,
					input: { ...input, reason: 'leave', startedOn: '2026-12-08' },
					now
				})
			)
		).toEqual({ code: 'invalid_input', fields: { startedOn: 'care_err_date_future' } });

		// The coordinator hands over themselves.
		const second = await assignCareTeam({
			db: app.db,
			actor: proA,
			input: { ...input, reason: 'workload', startedOn: '2026-12-01' },
			now
		});
		expect(second.handedOver).toBe(true);
		expect(moves).toEqual([`${proA.userId}->${proB.userId}@2026-12-01`]);
		expect(await assignedProfessionalOf(app.db, { siteId: site.id, memberId: member.userId })).toBe(
			proB.userId
		);
		const history = await app.db
			.select()
			.from(careTeamAssignments)
			.where(eq(careTeamAssignments.memberId, member.userId))
			.orderBy(careTeamAssignments.startedOn);
		expect(
			history.map((h) => [h.supporterId, h.role, h.startedOn, h.endedOn, h.endReason])
		).toEqual([
			[proA.userId, 'care_coordinator', '2026-11-01', '2026-12-01', 'workload'],
			[proB.userId, 'counsellor', '2026-12-01', null, null]
		]);
		const [record] = await app.db
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(eq(auditLog.entityId, second.id));
		expect(record).toMatchObject({
			action: 'care_team.hand_over',
			details: expect.objectContaining({ endedAssignmentId: first.id, moved_test: 2 })
		});
		// proA is no longer the coordinator, so may no longer change this team; a counsellor never could.
		expect(
			(
				await failure(
					assignCareTeam({
						db: app.db,
						actor: proA,
						input: { ...input, supporterId: proA.userId, reason: 'other' },
						now
					})
				)
			).code
		).toBe('not_found');
		expect(
			(
				await failure(
					endCareAssignment({
						db: app.db,
						actor: proB,
						input: { memberId: member.userId, assignmentId: second.id, reason: 'other' },
						now
					})
				)
			).code
		).toBe('not_found');
		// The admin ends it: the member has no professional, and the history keeps both rows.
		await endCareAssignment({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, assignmentId: second.id, reason: 'discharge' },
			now
		});
		expect(
			await assignedProfessionalOf(app.db, { siteId: site.id, memberId: member.userId })
		).toBeNull();
		expect(await auditsOn(second.id)).toEqual(['care_team.hand_over', 'care_team.end']);
	});

	it('refuses other sites, non-members, wrong roles and doubles; nothing is written', async () => {
		const { site, admin, member, proA, peer } = await setting();
		const otherSite = await makeSite(app);
		const otherAdmin = (await makePerson(app, otherSite, ['site_admin'])).actor;
		const otherMember = (await makePerson(app, otherSite, ['member'])).actor;
		const assign = (
			actor: typeof admin,
			memberId: string,
			supporterId: string,
			role: 'care_coordinator' | 'peer_worker'
		) => failure(assignCareTeam({ db: app.db, actor, input: { memberId, supporterId, role } }));

		expect((await assign(otherAdmin, member.userId, proA.userId, 'care_coordinator')).code).toBe(
			'not_found'
		);
		expect((await assign(admin, otherMember.userId, proA.userId, 'care_coordinator')).code).toBe(
			'not_found'
		);
		expect((await assign(member, member.userId, proA.userId, 'care_coordinator')).code).toBe(
			'not_found'
		);
		expect((await assign(peer, member.userId, peer.userId, 'peer_worker')).code).toBe('not_found');
		// A professional is not a peer worker, a peer worker not a professional, a member not their own.
		expect(await assign(admin, member.userId, proA.userId, 'peer_worker')).toEqual({
			code: 'invalid_input',
			fields: { supporterId: 'care_err_supporter' }
		});
		expect((await assign(admin, member.userId, peer.userId, 'care_coordinator')).fields).toEqual({
			supporterId: 'care_err_supporter'
		});
		expect((await assign(admin, member.userId, member.userId, 'peer_worker')).fields).toEqual({
			supporterId: 'care_err_supporter'
		});
		expect(
			await app.db
				.select()
				.from(careTeamAssignments)
				.where(eq(careTeamAssignments.memberId, member.userId))
		).toEqual([]);
		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: peer.userId, role: 'peer_worker' }
		});
		expect((await assign(admin, member.userId, peer.userId, 'peer_worker')).fields).toEqual({
			supporterId: 'care_err_already'
		});
		// A suspended professional is no longer anyone's assigned professional.
		await assignCareTeam({
			db: app.db,
			actor: admin,
			input: { memberId: member.userId, supporterId: proA.userId, role: 'care_coordinator' }
		});
		await app.db
			.update(memberships)
			.set({ suspendedAt: new Date() })
			.where(and(eq(memberships.userId, proA.userId), eq(memberships.siteId, site.id)));
		expect(
			await assignedProfessionalOf(app.db, { siteId: site.id, memberId: member.userId })
		).toBeNull();
		expect(
			(await careTeamOf(app.db, { siteId: site.id, memberId: member.userId })).professional
		).toBeNull();
	});
});
