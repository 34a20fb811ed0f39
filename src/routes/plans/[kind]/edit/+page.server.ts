import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { notFound } from '$lib/server/errors';
import { getOwnPlan } from '$lib/server/plans/get-own-plan';
import { savePlan } from '$lib/server/plans/save-plan';
import {
	isPlanKind,
	planFormOfAll,
	sectionsOf,
	type PlanKind
} from '$lib/server/plans/plan-sections';

const kindOf = (params: Partial<Record<string, string>>): PlanKind => {
	const kind = params.kind ?? '';
	if (!isPlanKind(kind)) pageError(notFound());
	return kind;
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const kind = kindOf(params);
	const plan = await getOwnPlan({ app: locals.app, actor, input: { kind } }).catch(pageError);
	return { kind, sections: sectionsOf(kind, plan.body), isNew: plan.version === null };
};

export const actions: Actions = {
	save: formAction(planFormOfAll, async (input, { locals, params }) => {
		const kind = kindOf(params);
		await savePlan({ app: locals.app, actor: locals.actor, input: { kind, sections: input } });
		redirect(303, `/plans/${kind}`);
	})
};
