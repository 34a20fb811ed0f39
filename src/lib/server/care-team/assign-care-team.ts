import { z } from 'zod';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { recordXactLock } from '../jobs/locks';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { parseInput, zDay, zId } from '../validation';
import { careEndReasons, careRoles, careTeamAssignments } from './care-team.schema';
import { holdsRole, teamToManage } from './team-access';
import { moveOpenItems } from './open-items';

/** The day a change takes effect: a real day, this century, not in the future (checked below). */
export const zCareDay = zDay('care_err_date').refine((d) => d >= '2000-01-01', 'care_err_date');
export const zCareReason = z.enum(careEndReasons, 'care_err_reason');

export const ZAssignCareTeamForm = z.object({
	supporterId: z
		.string('care_err_supporter')
		.min(1, 'care_err_supporter')
		.max(100, 'care_err_supporter'),
	role: z.enum(careRoles, 'care_err_role'),
	/** Empty: today. */
	startedOn: z.preprocess((v) => (v === '' ? undefined : v), zCareDay.optional()),
	/** Needed when a professional hands over to another. */
	reason: z.preprocess((v) => (v === '' ? undefined : v), zCareReason.optional())
});
export const ZAssignCareTeamInput = ZAssignCareTeamForm.extend({ memberId: zId });
export type TAssignCareTeamInput = z.input<typeof ZAssignCareTeamInput>;

/**
 * Puts a supporter on a member's care team from a day (today unless an earlier day is given).
 * A professional (care coordinator or counsellor) replaces the current one: that is a hand-over,
 * which needs a reason, ends the current assignment on the new one's first day (kept as history)
 * and moves the member's open items to the new professional. Audited (assign or hand_over).
 */
export async function assignCareTeam({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TAssignCareTeamInput;
	now?: Date;
}): Promise<{ id: string; handedOver: boolean }> {
	requireUseCase(actor, 'care_team.manage');
	const site = requireSite(actor);
	const { memberId, supporterId, role, startedOn, reason } = parseInput(
		ZAssignCareTeamInput,
		input
	);
	const today = dayOf(now, siteZoneOf(site));
	const from = startedOn ?? today;
	if (from > today) throw new AppError('invalid_input', { startedOn: 'care_err_date_future' });

	return db.transaction(async (tx) => {
		await tx.execute(recordXactLock('careTeam', `${site.id}:${memberId}`));
		await teamToManage(tx, actor, site.id, memberId);
		const siteRole = role === 'peer_worker' ? 'peer_worker' : 'professional';
		if (supporterId === memberId || !(await holdsRole(tx, site.id, supporterId, siteRole)))
			throw new AppError('invalid_input', { supporterId: 'care_err_supporter' });

		const open = and(
			eq(careTeamAssignments.siteId, site.id),
			eq(careTeamAssignments.memberId, memberId),
			isNull(careTeamAssignments.endedOn)
		);
		const [current] = await tx
			.select()
			.from(careTeamAssignments)
			.where(
				role === 'peer_worker'
					? and(
							open,
							eq(careTeamAssignments.role, 'peer_worker'),
							eq(careTeamAssignments.supporterId, supporterId)
						)
					: and(open, ne(careTeamAssignments.role, 'peer_worker'))
			)
			.limit(1);

		if (current && (role === 'peer_worker' || current.supporterId === supporterId))
			if (current.role === role)
				throw new AppError('invalid_input', { supporterId: 'care_err_already' });
		if (current && role !== 'peer_worker') {
			if (!reason) throw new AppError('invalid_input', { reason: 'care_err_reason' });
			if (from < current.startedOn)
				throw new AppError(
					'invalid_input',
					{ startedOn: 'care_err_date_before' },
					{ day: current.startedOn }
				);
			await tx
				.update(careTeamAssignments)
				.set({ endedOn: from, endReason: reason, endedBy: actor.userId, endedAt: now })
				.where(eq(careTeamAssignments.id, current.id));
		}

		const [row] = await tx
			.insert(careTeamAssignments)
			.values({
				siteId: site.id,
				memberId,
				supporterId,
				role,
				startedOn: from,
				assignedBy: actor.userId,
				createdAt: now
			})
			.returning({ id: careTeamAssignments.id });
		if (!row) throw new Error('care team assignment insert returned nothing');

		const handedOver = current !== undefined && role !== 'peer_worker';
		const moved =
			current && handedOver
				? await moveOpenItems(tx, {
						siteId: site.id,
						memberId,
						fromId: current.supporterId,
						toId: supporterId,
						on: from
					})
				: {};
		await recordActorAudit(tx, actor, {
			action: handedOver ? 'care_team.hand_over' : 'care_team.assign',
			entityType: 'care_team_assignment',
			entityId: row.id,
			details: {
				memberId,
				supporterId,
				role,
				...(current && handedOver
					? { endedAssignmentId: current.id, fromId: current.supporterId, reason: reason ?? null }
					: {}),
				...Object.fromEntries(Object.entries(moved).map(([name, n]) => [`moved_${name}`, n]))
			}
		});
		return { id: row.id, handedOver };
	});
}
