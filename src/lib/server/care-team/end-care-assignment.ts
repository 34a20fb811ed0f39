import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { recordXactLock } from '../jobs/locks';
import { dayOf } from '../dates/calendar';
import { siteZoneOf } from '../dates/display-zone';
import { parseInput, zId, zUuid } from '../validation';
import { careTeamAssignments } from './care-team.schema';
import { teamToManage } from './team-access';
import { zCareDay, zCareReason } from './assign-care-team';

export const ZEndCareAssignmentForm = z.object({
	assignmentId: zUuid,
	reason: zCareReason,
	/** Empty: today. */
	endedOn: z.preprocess((v) => (v === '' ? undefined : v), zCareDay.optional())
});
export const ZEndCareAssignmentInput = ZEndCareAssignmentForm.extend({ memberId: zId });
export type TEndCareAssignmentInput = z.input<typeof ZEndCareAssignmentInput>;

/**
 * Takes a supporter off a member's care team from a day (a peer worker who leaves, a member who
 * no longer has a professional). The assignment stays in the history with its reason. Audited.
 */
export async function endCareAssignment({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TEndCareAssignmentInput;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'care_team.manage');
	const site = requireSite(actor);
	const { memberId, assignmentId, reason, endedOn } = parseInput(ZEndCareAssignmentInput, input);
	const today = dayOf(now, siteZoneOf(site));
	const on = endedOn ?? today;
	if (on > today) throw new AppError('invalid_input', { endedOn: 'care_err_date_future' });

	await db.transaction(async (tx) => {
		await tx.execute(recordXactLock('careTeam', `${site.id}:${memberId}`));
		await teamToManage(tx, actor, site.id, memberId);
		const [current] = await tx
			.select()
			.from(careTeamAssignments)
			.where(
				and(
					eq(careTeamAssignments.id, assignmentId),
					eq(careTeamAssignments.siteId, site.id),
					eq(careTeamAssignments.memberId, memberId),
					isNull(careTeamAssignments.endedOn)
				)
			);
		if (!current) throw notFound();
		if (on < current.startedOn)
			throw new AppError(
				'invalid_input',
				{ endedOn: 'care_err_date_before' },
				{ day: current.startedOn }
			);
		await tx
			.update(careTeamAssignments)
			.set({ endedOn: on, endReason: reason, endedBy: actor.userId, endedAt: now })
			.where(eq(careTeamAssignments.id, current.id));
		await recordActorAudit(tx, actor, {
			action: 'care_team.end',
			entityType: 'care_team_assignment',
			entityId: current.id,
			details: { memberId, supporterId: current.supporterId, role: current.role, reason }
		});
	});
}
