import { z } from 'zod';
import { and, asc, eq, exists, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { invitations, memberships, type SiteRole } from './people.schema';

/** How many people one page of the list shows. */
export const PEOPLE_PAGE = 100;

export const ZListPeopleInput = z.object({
	/** The e-mail address the page before this one ended with. */
	after: z.string().trim().min(1).max(320).optional()
});

export type PersonRow = {
	userId: string;
	name: string;
	email: string;
	roles: SiteRole[];
	disabled: boolean;
	twoFactorEnabled: boolean;
};

export type OpenInvitation = { id: string; email: string; role: SiteRole; expiresAt: Date };

/**
 * One page of the people of the actor's site, by e-mail address (a site may have 100,000: the
 * page walks the address index, decision 0014's scale notes), and the site's open invitations,
 * for the site admin; audited. `next` is the `after` of the following page, if there is one.
 */
export async function listPeople({
	db,
	actor,
	input = {},
	pageSize = PEOPLE_PAGE
}: {
	db: Db;
	actor: Actor | null;
	input?: z.input<typeof ZListPeopleInput>;
	pageSize?: number;
}): Promise<{ people: PersonRow[]; invitations: OpenInvitation[]; next: string | null }> {
	requireUseCase(actor, 'people.manage');
	const site = requireSite(actor);
	// An address that is not one (a hand-edited link) starts the list from the beginning.
	const after = ZListPeopleInput.safeParse(input).data?.after;
	return db.transaction(async (tx) => {
		const found = await tx
			.select({
				userId: user.id,
				name: user.name,
				email: user.email,
				disabledAt: user.disabledAt,
				twoFactorEnabled: user.twoFactorEnabled
			})
			.from(user)
			.where(
				and(
					exists(
						tx
							.select({ one: memberships.id })
							.from(memberships)
							.where(and(eq(memberships.userId, user.id), eq(memberships.siteId, site.id)))
					),
					after ? gt(user.email, after) : undefined
				)
			)
			.orderBy(asc(user.email))
			.limit(pageSize + 1);
		const page = found.slice(0, pageSize);
		const roles = page.length
			? await tx
					.select({ userId: memberships.userId, role: memberships.role })
					.from(memberships)
					.where(
						and(
							eq(memberships.siteId, site.id),
							inArray(
								memberships.userId,
								page.map((p) => p.userId)
							)
						)
					)
					.orderBy(asc(memberships.role))
			: [];
		const byUser = new Map<string, PersonRow>();
		for (const row of page)
			byUser.set(row.userId, {
				userId: row.userId,
				name: row.name,
				email: row.email,
				roles: [],
				disabled: row.disabledAt !== null,
				twoFactorEnabled: row.twoFactorEnabled === true
			});
		for (const r of roles) byUser.get(r.userId)?.roles.push(r.role);
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
			details: { people: byUser.size, invitations: open.length, firstPage: !after }
		});
		const last = page[page.length - 1];
		return {
			people: [...byUser.values()],
			invitations: open,
			next: found.length > pageSize && last ? last.email : null
		};
	});
}
