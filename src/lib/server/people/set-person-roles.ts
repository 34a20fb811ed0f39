import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { memberships, siteRoles } from './people.schema';
import { rolesOnSite } from './site-roles';
import { requireReadyToAdmit } from '../sites/site-readiness';

/** The roles form: checkboxes named "roles"; none checked sends nothing at all. */
export const ZPersonRolesForm = z.object({
	roles: z
		.union([z.array(z.string()), z.string()])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
		.pipe(z.array(z.enum(siteRoles, 'err_role')).min(1, 'err_role'))
});
export type TSetPersonRolesInput = z.infer<typeof ZPersonRolesForm> & { userId: string };

/** Sets a person's roles on the actor's site (at least one); never the actor's own. Audited. */
export async function setPersonRoles({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TSetPersonRolesInput;
}): Promise<{ added: string[]; removed: string[] }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const current = await rolesOnSite(tx, site.id, input.userId);
		if (input.userId === actor.userId)
			throw new AppError('invalid_input', { roles: 'person_self' });
		// A role given to a suspended person is suspended with the rest: changing roles is not
		// reinstating (that is its own, audited, action).
		const [held] = await tx
			.select({ suspendedAt: memberships.suspendedAt })
			.from(memberships)
			.where(and(eq(memberships.siteId, site.id), eq(memberships.userId, input.userId)))
			.limit(1);
		const wanted = [...new Set(input.roles)];
		const added = wanted.filter((r) => !current.includes(r));
		const removed = current.filter((r) => !wanted.includes(r));
		if (added.includes('member')) await requireReadyToAdmit(tx, site.id, 'roles');
		if (removed.length > 0)
			await tx
				.delete(memberships)
				.where(
					and(
						eq(memberships.siteId, site.id),
						eq(memberships.userId, input.userId),
						inArray(memberships.role, removed)
					)
				);
		for (const role of added)
			await tx.insert(memberships).values({
				siteId: site.id,
				userId: input.userId,
				role,
				suspendedAt: held?.suspendedAt ?? null
			});
		if (added.length > 0 || removed.length > 0)
			await recordActorAudit(tx, actor, {
				action: 'membership.change',
				entityType: 'user',
				entityId: input.userId,
				details: { added: added.join(','), removed: removed.join(',') }
			});
		return { added, removed };
	});
}
