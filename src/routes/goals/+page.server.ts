import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError } from '$lib/server/forms';
import { listGoals } from '$lib/server/goals/list-goals';
import { createGoal, ZCreateGoalInput } from '$lib/server/goals/create-goal';
import { stepActions } from '$lib/server/web/goal-step-actions';
import { stepView } from '$lib/server/goals/goal-view';
import { dayOf } from '$lib/server/dates/calendar';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireSignedIn(locals.actor);
	const goals = await listGoals({ db: locals.app.db, actor }).catch(pageError);
	const site = requireSite(actor);
	const today = dayOf(new Date(), site.timeZone);
	const zone = displayZone({ profile: locals.profile, site });
	return {
		today,
		goals: goals.map((g) => ({
			id: g.id,
			text: g.text,
			status: g.status,
			progress: g.progress,
			steps: g.steps.map((s) => stepView(s, locals.locale, zone, today))
		}))
	};
};

export const actions: Actions = {
	create: formAction(ZCreateGoalInput, async (input, { locals }) => {
		const { id } = await createGoal({ db: locals.app.db, actor: locals.actor, input });
		redirect(303, `/goals/${id}`);
	}),
	...stepActions
};
