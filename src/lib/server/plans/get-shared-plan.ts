import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { App } from '../app';
import { can, requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { user } from '../db/auth.schema';
import { profiles } from '../people/people.schema';
import { notFound } from '../errors';
import { parseInput } from '../validation';
import { planSharedWith, versionOf, versionsOf, type PlanVersionSummary } from './plan-access';
import type { PlanBody, PlanKind } from './plan-sections';

// Any text: an id that is not a plan's (or not a UUID at all) is "not found", never a refusal.
export const ZGetSharedPlanInput = z.object({ planId: z.string() });

export type SharedPlan = {
	planId: string;
	kind: PlanKind;
	memberName: string;
	version: number;
	savedAt: Date;
	body: PlanBody;
	versions: PlanVersionSummary[];
	/** A professional may work on a safety plan shared with them, with the member. */
	mayEdit: boolean;
};

/** Whether the actor may write a new version of a plan shared with them: a safety plan, as a professional. */
export const mayEditShared = (actor: Actor, kind: PlanKind): boolean =>
	kind === 'safety' && can(actor, 'clinical.caseload');

/**
 * The latest version of a plan a member shares with the actor, read-only unless `mayEdit`; not
 * shared, revoked or on another site is "not found". Every read is audited.
 */
export async function getSharedPlan({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZGetSharedPlanInput>;
}): Promise<SharedPlan> {
	requireUseCase(actor, 'plans.read_shared');
	const site = requireSite(actor);
	const { planId } = parseInput(ZGetSharedPlanInput, input);
	return app.db.transaction(async (tx) => {
		const plan = await planSharedWith(tx, actor, site.id, planId);
		const shown = await versionOf(tx, app.config.secret, plan);
		if (!shown) throw notFound();
		const [owner] = await tx
			.select({ accountName: user.name, displayName: profiles.displayName })
			.from(user)
			.leftJoin(profiles, eq(profiles.userId, user.id))
			.where(eq(user.id, plan.userId))
			.limit(1);
		await recordActorAudit(tx, actor, {
			action: 'plan.read_shared',
			entityType: 'plan',
			entityId: plan.id,
			details: { kind: plan.kind, version: shown.version }
		});
		return {
			planId: plan.id,
			kind: plan.kind,
			memberName: owner?.displayName ?? owner?.accountName ?? '',
			version: shown.version,
			savedAt: shown.createdAt,
			body: shown.body,
			versions: await versionsOf(tx, plan),
			mayEdit: mayEditShared(actor, plan.kind)
		};
	});
}
