import { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { parseInput } from '../validation';
import { supportersOnSite, type Supporter } from '../goals/supporters';
import { and, eq, isNull } from 'drizzle-orm';
import { planShares } from './plans.schema';
import { ownPlanOf, versionOf, versionsOf, type PlanVersionSummary } from './plan-access';
import { zPlanKind, type PlanBody, type PlanKind } from './plan-sections';

export const ZGetOwnPlanInput = z.object({
	kind: zPlanKind,
	/** An earlier version to read; the latest when not given. */
	version: z.coerce.number('err_invalid').int('err_invalid').min(1, 'err_invalid').optional()
});

export type OwnPlan = {
	kind: PlanKind;
	/** The version shown, null when the member has not written this plan yet. */
	version: number | null;
	latestVersion: number;
	savedAt: Date | null;
	body: PlanBody;
	versions: PlanVersionSummary[];
	sharedWith: Supporter[];
};

/**
 * The member's own plan of a kind: the latest version (or an earlier one they ask for), every
 * version, and whom it is shared with. Reading one's own plan is not audited; asking for a
 * version that does not exist is "not found".
 */
export async function getOwnPlan({
	app,
	actor,
	input
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZGetOwnPlanInput>;
}): Promise<OwnPlan> {
	requireUseCase(actor, 'plans.own');
	const site = requireSite(actor);
	const { kind, version } = parseInput(ZGetOwnPlanInput, input);
	return app.db.transaction(async (tx) => {
		const plan = await ownPlanOf(tx, site.id, actor.userId, kind);
		if (!plan || plan.latestVersion === 0) {
			if (version !== undefined) throw notFound();
			return {
				kind,
				version: null,
				latestVersion: 0,
				savedAt: null,
				body: {},
				versions: [],
				sharedWith: []
			};
		}
		const shown = await versionOf(tx, app.config.secret, plan, version);
		if (!shown) throw notFound();
		const shares = await tx
			.select({ userId: planShares.sharedWithUserId })
			.from(planShares)
			.where(and(eq(planShares.planId, plan.id), isNull(planShares.revokedAt)));
		const sharedWith = await supportersOnSite(tx, site.id, {
			exceptUserId: actor.userId,
			userIds: shares.map((s) => s.userId)
		});
		return {
			kind,
			version: shown.version,
			latestVersion: plan.latestVersion,
			savedAt: shown.createdAt,
			body: shown.body,
			versions: await versionsOf(tx, plan),
			sharedWith
		};
	});
}
