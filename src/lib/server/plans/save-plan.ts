import type { z } from 'zod';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { parseInput } from '../validation';
import { addVersion, ownPlanOrNew } from './plan-access';
import { planForm, planSections, type PlanBody, type PlanKind } from './plan-sections';

export type TSavePlanInput = { kind: PlanKind; sections: z.input<ReturnType<typeof planForm>> };

/**
 * Saves the member's plan of a kind as a new version (the plan is made on the first save); the
 * sections are encrypted before they reach the database. Audited, without the text. Returns the
 * new version's number.
 */
export async function savePlan({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TSavePlanInput;
	now?: Date;
}): Promise<{ version: number }> {
	requireUseCase(actor, 'plans.own');
	const site = requireSite(actor);
	const body = bodyOf(input.kind, parseInput(planForm(input.kind), input.sections));
	return app.db.transaction(async (tx) => {
		const plan = await ownPlanOrNew(tx, site.id, actor.userId, input.kind);
		const version = await addVersion(tx, app.config.secret, plan, body, actor.userId, now);
		await recordActorAudit(tx, actor, {
			action: 'plan.save',
			entityType: 'plan',
			entityId: plan.id,
			details: { kind: input.kind, version }
		});
		return { version };
	});
}

/** The filled sections of a parsed form, and nothing else. */
export function bodyOf(kind: PlanKind, parsed: Partial<Record<string, string>>): PlanBody {
	const body: PlanBody = {};
	for (const key of planSections[kind]) {
		const text = parsed[key];
		if (text) body[key] = text;
	}
	return body;
}
