import type { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { notFound } from '../errors';
import { parseInput } from '../validation';
import { addVersion, planSharedWith } from './plan-access';
import { planForm } from './plan-sections';
import { mayEditShared } from './get-shared-plan';
import { bodyOf } from './save-plan';

export type TSaveSharedPlanInput = {
	planId: string;
	sections: z.input<ReturnType<typeof planForm>>;
};

/**
 * A professional the member shares their safety plan with saves a new version of it (working on
 * it together); the version records who saved it. Anyone else, or any other plan, is "not
 * found". Audited, without the text. Returns the new version's number.
 */
export async function saveSharedPlan({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TSaveSharedPlanInput;
	now?: Date;
}): Promise<{ version: number }> {
	requireUseCase(actor, 'plans.edit_shared');
	const site = requireSite(actor);
	return app.db.transaction(async (tx) => {
		const plan = await planSharedWith(tx, actor, site.id, input.planId);
		if (!mayEditShared(actor, plan.kind)) throw notFound();
		const body = bodyOf(plan.kind, parseInput(planForm(plan.kind), input.sections));
		const version = await addVersion(tx, app.config.secret, plan, body, actor.userId, now);
		await recordActorAudit(tx, actor, {
			action: 'plan.save_shared',
			entityType: 'plan',
			entityId: plan.id,
			details: { kind: plan.kind, version }
		});
		return { version };
	});
}
