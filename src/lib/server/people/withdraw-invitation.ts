import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { zUuid } from '../validation';
import { invitations } from './people.schema';

export const ZWithdrawInvitationInput = z.object({
	invitationId: zUuid
});
export type TWithdrawInvitationInput = z.infer<typeof ZWithdrawInvitationInput>;

/** Withdraws an open invitation of the actor's site, so its link stops working. */
export async function withdrawInvitation({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TWithdrawInvitationInput;
}): Promise<void> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(invitations)
			.set({ revokedAt: new Date() })
			.where(
				and(
					eq(invitations.id, input.invitationId),
					eq(invitations.siteId, site.id),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt)
				)
			)
			.returning({ id: invitations.id, role: invitations.role });
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'invitation.withdraw',
			entityType: 'invitation',
			entityId: row.id,
			details: { role: row.role }
		});
	});
}
