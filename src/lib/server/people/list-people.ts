import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { invitations, memberships, type SiteRole } from './people.schema';

export type PersonRow = {
	userId: string;
	name: string;
	roles: SiteRole[];
	disabled: boolean;
	twoFactorEnabled: boolean;
};

export type OpenInvitation = { id: string; email: string; role: SiteRole; expiresAt: Date };

/** The people of the actor's site and its open invitations, for the site admin; audited. */
export async function listPeople({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<{ people: PersonRow[]; invitations: OpenInvitation[] }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				userId: user.id,
				name: user.name,
				disabledAt: user.disabledAt,
				twoFactorEnabled: user.twoFactorEnabled,
				role: memberships.role
			})
			.from(memberships)
			.innerJoin(user, eq(user.id, memberships.userId))
			.where(eq(memberships.siteId, site.id))
			.orderBy(asc(user.name), asc(user.id), asc(memberships.role));
		const byUser = new Map<string, PersonRow>();
		for (const row of rows) {
			const person = byUser.get(row.userId) ?? {
				userId: row.userId,
				name: row.name,
				roles: [],
				disabled: row.disabledAt !== null,
				twoFactorEnabled: row.twoFactorEnabled === true
			};
			person.roles.push(row.role);
			byUser.set(row.userId, person);
		}
		const open = await tx
			.select({
				id: invitations.id,
				email: invitations.email,
				role: invitations.role,
				expiresAt: invitations.expiresAt
			})
			.from(invitations)
			.where(
				and(
					eq(invitations.siteId, site.id),
					isNull(invitations.acceptedAt),
					isNull(invitations.revokedAt),
					gt(invitations.expiresAt, new Date())
				)
			)
			.orderBy(asc(invitations.expiresAt));
		await recordActorAudit(tx, actor, {
			action: 'people.list',
			entityType: 'site',
			entityId: site.id,
			details: { people: byUser.size, invitations: open.length }
		});
		return { people: [...byUser.values()], invitations: open };
	});
}
