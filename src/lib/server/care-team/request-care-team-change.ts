import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { recordXactLock } from '../jobs/locks';
import { parseInput, zOptionalText } from '../validation';
import { careTeamRequests } from './care-team.schema';
import { careTeamOf } from './care-team-of';
import { sealRequestText } from './request-text';

export const ZRequestCareTeamChangeInput = z.object({
	/** Someone on the member's team, or empty for the team as a whole. */
	aboutId: z.preprocess(
		(v) => (v === '' ? undefined : v),
		z.string('care_err_about').max(100, 'care_err_about').optional()
	),
	reason: zOptionalText(2000)
});
export type TRequestCareTeamChangeInput = z.input<typeof ZRequestCareTeamChangeInput>;

/**
 * A member asks the site admin for a change to their care team, about one person on it or the
 * team as a whole, in their own words (encrypted at rest). One open request at a time. Audited.
 */
export async function requestCareTeamChange({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TRequestCareTeamChangeInput;
	now?: Date;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'care_team.own');
	const site = requireSite(actor);
	const { aboutId, reason } = parseInput(ZRequestCareTeamChangeInput, input);
	return app.db.transaction(async (tx) => {
		await tx.execute(recordXactLock('careTeam', `${site.id}:${actor.userId}`));
		if (aboutId) {
			const team = await careTeamOf(tx, { siteId: site.id, memberId: actor.userId }, now);
			const onTeam = [team.professional, ...team.peerWorkers, ...team.carers].some(
				(p) => p?.userId === aboutId
			);
			if (!onTeam) throw new AppError('invalid_input', { aboutId: 'care_err_about' });
		}
		const [open] = await tx
			.select({ id: careTeamRequests.id })
			.from(careTeamRequests)
			.where(
				and(
					eq(careTeamRequests.siteId, site.id),
					eq(careTeamRequests.memberId, actor.userId),
					eq(careTeamRequests.status, 'open')
				)
			)
			.limit(1);
		if (open) throw new AppError('conflict', { reason: 'care_err_request_open' });
		const id = randomUUID();
		await tx.insert(careTeamRequests).values({
			id,
			siteId: site.id,
			memberId: actor.userId,
			aboutId: aboutId ?? null,
			reasonEncrypted: sealRequestText(app.config.secret, id, 'reason', reason),
			createdAt: now
		});
		await recordActorAudit(tx, actor, {
			action: 'care_team.request',
			entityType: 'care_team_request',
			entityId: id,
			details: { about: aboutId ?? null }
		});
		return { id };
	});
}
