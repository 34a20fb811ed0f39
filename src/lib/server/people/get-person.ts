import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { notFound } from '../errors';
import { memberships, type SiteRole } from './people.schema';
import { rolesOnSite } from './site-roles';

export type PersonDetail = {
	userId: string;
	name: string;
	email: string;
	joinedAt: Date;
	roles: SiteRole[];
	disabled: boolean;
	/** Whether a site admin has suspended the person's membership on this site. */
	suspended: boolean;
	twoFactorEnabled: boolean;
	isSelf: boolean;
};

/** One person of the actor's site, for the site admin; audited. */
export async function getPerson({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { userId: string };
}): Promise<PersonDetail> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const roles = await rolesOnSite(tx, site.id, input.userId);
		const [row] = await tx.select().from(user).where(eq(user.id, input.userId)).limit(1);
		if (!row) throw notFound();
		const suspended = await tx
			.select({ id: memberships.id })
			.from(memberships)
			.where(
				and(
					eq(memberships.siteId, site.id),
					eq(memberships.userId, row.id),
					isNotNull(memberships.suspendedAt)
				)
			)
			.limit(1);
		await recordActorAudit(tx, actor, {
			action: 'person.read',
			entityType: 'user',
			entityId: row.id
		});
		return {
			userId: row.id,
			name: row.name,
			email: row.email,
			joinedAt: row.createdAt,
			roles,
			disabled: row.disabledAt !== null,
			suspended: suspended.length > 0,
			twoFactorEnabled: row.twoFactorEnabled === true,
			isSelf: row.id === actor.userId
		};
	});
}
