// Lookups every plan use case shares. A plan exists for an actor only when it is on their site
// and theirs, or shared with them and not revoked; anything else is "not found", exactly like an
// id nobody ever had.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { notFound } from '../errors';
import { isUuid } from '../validation';
import { plans, planShares, planVersions } from './plans.schema';
import type { PlanBody, PlanKind } from './plan-sections';
import { openPlan, sealPlan } from './plan-text';

export type Plan = typeof plans.$inferSelect;

/** A version as a page lists it: its number, when, and who saved it (by the name they use). */
export type PlanVersionSummary = {
	version: number;
	createdAt: Date;
	editedBy: string | null;
	byOwner: boolean;
};

/** The member's own plan of a kind on their site, or null when they have not written one. */
export async function ownPlanOf(
	tx: Tx,
	siteId: string,
	userId: string,
	kind: PlanKind
): Promise<Plan | null> {
	const [plan] = await tx
		.select()
		.from(plans)
		.where(and(eq(plans.siteId, siteId), eq(plans.userId, userId), eq(plans.kind, kind)))
		.limit(1);
	return plan ?? null;
}

/** A plan of the actor's site that its owner shares with the actor now, or "not found". */
export async function planSharedWith(
	tx: Tx,
	actor: Actor,
	siteId: string,
	planId: string
): Promise<Plan & { sharedAt: Date }> {
	if (!isUuid(planId)) throw notFound();
	const [row] = await tx
		.select({ plan: plans, sharedAt: planShares.createdAt })
		.from(planShares)
		.innerJoin(plans, eq(plans.id, planShares.planId))
		.where(
			and(
				eq(planShares.planId, planId),
				eq(planShares.sharedWithUserId, actor.userId),
				isNull(planShares.revokedAt),
				eq(plans.siteId, siteId)
			)
		)
		.limit(1);
	if (!row) throw notFound();
	return { ...row.plan, sharedAt: row.sharedAt };
}

/** One version's sections (the latest when `version` is not given), or null when there is none. */
export async function versionOf(
	tx: Tx,
	secret: string,
	plan: Plan,
	version?: number
): Promise<{ version: number; createdAt: Date; body: PlanBody } | null> {
	const [row] = await tx
		.select()
		.from(planVersions)
		.where(
			and(eq(planVersions.planId, plan.id), eq(planVersions.version, version ?? plan.latestVersion))
		)
		.limit(1);
	if (!row) return null;
	return {
		version: row.version,
		createdAt: row.createdAt,
		body: openPlan(secret, { planId: plan.id, version: row.version }, row.bodyEncrypted)
	};
}

/** Every version of a plan, newest first, with who saved it. */
export async function versionsOf(tx: Tx, plan: Plan): Promise<PlanVersionSummary[]> {
	const rows = await tx
		.select({
			version: planVersions.version,
			createdAt: planVersions.createdAt,
			editedById: planVersions.editedBy,
			accountName: user.name,
			displayName: profiles.displayName
		})
		.from(planVersions)
		.leftJoin(user, eq(user.id, planVersions.editedBy))
		.leftJoin(profiles, eq(profiles.userId, planVersions.editedBy))
		.where(eq(planVersions.planId, plan.id))
		.orderBy(desc(planVersions.version));
	return rows.map((r) => ({
		version: r.version,
		createdAt: r.createdAt,
		editedBy: r.displayName ?? r.accountName,
		byOwner: r.editedById === plan.userId
	}));
}

/** The member's plan of a kind, made (empty, with no version yet) when they have none. */
export async function ownPlanOrNew(
	tx: Tx,
	siteId: string,
	userId: string,
	kind: PlanKind
): Promise<Plan> {
	await tx.insert(plans).values({ siteId, userId, kind }).onConflictDoNothing();
	const plan = await ownPlanOf(tx, siteId, userId, kind);
	if (!plan) throw new Error('plan insert returned nothing');
	return plan;
}

/** Writes a new version of a plan (its next number) and makes it the latest. */
export async function addVersion(
	tx: Tx,
	secret: string,
	plan: Plan,
	body: PlanBody,
	editedBy: string,
	now: Date
): Promise<number> {
	// The plan's row is locked first, so two saves at once get numbers one after the other.
	const [locked] = await tx
		.select({ latestVersion: plans.latestVersion })
		.from(plans)
		.where(eq(plans.id, plan.id))
		.for('update');
	const version = (locked?.latestVersion ?? plan.latestVersion) + 1;
	await tx.insert(planVersions).values({
		planId: plan.id,
		version,
		bodyEncrypted: sealPlan(secret, { planId: plan.id, version }, body),
		editedBy,
		createdAt: now
	});
	await tx
		.update(plans)
		.set({ latestVersion: version, updatedAt: now })
		.where(eq(plans.id, plan.id));
	return version;
}
