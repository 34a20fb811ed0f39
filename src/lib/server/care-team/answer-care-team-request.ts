import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { parseInput, zId, zOptionalText, zUuid } from '../validation';
import { careTeamRequests } from './care-team.schema';
import { sealRequestText } from './request-text';

export const ZAnswerCareTeamRequestForm = z.object({
	requestId: zUuid,
	/** What came of it: the team was changed, or kept as it is. */
	status: z.enum(['changed', 'kept'], 'care_err_answer'),
	answer: zOptionalText(2000)
});
export const ZAnswerCareTeamRequestInput = ZAnswerCareTeamRequestForm.extend({ memberId: zId });

/**
 * The site admin answers a member's open request for a change to their care team, with a few
 * words the member reads on their care team page (encrypted at rest). Audited.
 */
export async function answerCareTeamRequest({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZAnswerCareTeamRequestInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'care_team.answer');
	const site = requireSite(actor);
	const { memberId, requestId, status, answer } = parseInput(ZAnswerCareTeamRequestInput, input);
	await app.db.transaction(async (tx) => {
		const [answered] = await tx
			.update(careTeamRequests)
			.set({
				status,
				answerEncrypted: sealRequestText(app.config.secret, requestId, 'answer', answer),
				answeredBy: actor.userId,
				answeredAt: now
			})
			.where(
				and(
					eq(careTeamRequests.id, requestId),
					eq(careTeamRequests.siteId, site.id),
					eq(careTeamRequests.memberId, memberId),
					eq(careTeamRequests.status, 'open')
				)
			)
			.returning({ id: careTeamRequests.id });
		if (!answered) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'care_team.request_answer',
			entityType: 'care_team_request',
			entityId: requestId,
			details: { status }
		});
	});
}
