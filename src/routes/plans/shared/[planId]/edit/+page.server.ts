import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { notFound } from '$lib/server/errors';
import { getSharedPlan } from '$lib/server/plans/get-shared-plan';
import { saveSharedPlan } from '$lib/server/plans/save-shared-plan';
import { planFormOfAll, sectionsOf } from '$lib/server/plans/plan-sections';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const plan = await getSharedPlan({
		app: locals.app,
		actor,
		input: { planId: params.planId }
	}).catch(pageError);
	if (!plan.mayEdit) pageError(notFound());
	return {
		planId: plan.planId,
		kind: plan.kind,
		memberName: plan.memberName,
		sections: sectionsOf(plan.kind, plan.body)
	};
};

export const actions: Actions = {
	save: formAction(planFormOfAll, async (input, { locals, params }) => {
		await saveSharedPlan({
			app: locals.app,
			actor: locals.actor,
			input: { planId: params.planId ?? '', sections: input }
		});
		redirect(303, `/plans/shared/${params.planId ?? ''}`);
	})
};
