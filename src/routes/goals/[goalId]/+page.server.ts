import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { getGoal } from '$lib/server/goals/get-goal';
import { listSupporters } from '$lib/server/goals/list-supporters';
import type { Supporter } from '$lib/server/goals/supporters';
import { addStep, ZAddStepInput } from '$lib/server/goals/add-step';
import { setGoalStatus, ZSetGoalStatusInput } from '$lib/server/goals/set-goal-status';
import { shareGoal, ZShareGoalInput } from '$lib/server/goals/share-goal';
import { revokeGoalShare, ZRevokeGoalShareInput } from '$lib/server/goals/revoke-goal-share';
import { stepActions } from '$lib/server/web/goal-step-actions';
import { stepView } from '$lib/server/goals/goal-view';
import { dayOf } from '$lib/server/dates/calendar';
import { displayZone } from '$lib/server/dates/display-zone';
import { formatDate } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const db = locals.app.db;
	const goal = await getGoal({ db, actor, input: { goalId: params.goalId } }).catch(pageError);
	const supporters = await listSupporters({ db, actor }).catch(pageError);
	const site = requireSite(actor);
	const today = dayOf(new Date(), site.timeZone);
	const zone = displayZone({ profile: locals.profile, site });
	const person = (s: Supporter) => ({
		userId: s.userId,
		name: s.name,
		roles: s.roles.map((r) => t(`role_${r}`)).join(', ')
	});
	const shared = new Set(goal.sharedWith.map((s) => s.userId));
	return {
		today,
		goal: {
			id: goal.id,
			text: goal.text,
			status: goal.status,
			progress: goal.progress,
			steps: goal.steps.map((s) => stepView(s, locals.locale, zone, today)),
			chart: goal.chart.map((w) => ({
				...w,
				label: formatDate(`${w.week}T00:00:00Z`, locals.locale, 'UTC')
			})),
			sharedWith: goal.sharedWith.map(person)
		},
		supporters: supporters.filter((s) => !shared.has(s.userId)).map(person)
	};
};

/** The goal's id comes from the URL, never from the form. */
const withGoal = <T extends object>(params: Partial<Record<string, string>>, input: T) => ({
	...input,
	goalId: params.goalId ?? ''
});

export const actions: Actions = {
	...stepActions,
	addStep: formAction(
		ZAddStepInput.omit({ goalId: true }),
		(input, { locals, params }) =>
			addStep({ db: locals.app.db, actor: locals.actor, input: withGoal(params, input) }),
		{ done: 'goal_step_added' }
	),
	status: formAction(
		ZSetGoalStatusInput.omit({ goalId: true }),
		(input, { locals, params }) =>
			setGoalStatus({ db: locals.app.db, actor: locals.actor, input: withGoal(params, input) }),
		{ done: 'goal_status_saved' }
	),
	share: formAction(
		ZShareGoalInput.omit({ goalId: true }),
		(input, { locals, params }) =>
			shareGoal({ db: locals.app.db, actor: locals.actor, input: withGoal(params, input) }),
		{ done: 'goal_shared' }
	),
	revoke: formAction(
		ZRevokeGoalShareInput.omit({ goalId: true }),
		(input, { locals, params }) =>
			revokeGoalShare({ db: locals.app.db, actor: locals.actor, input: withGoal(params, input) }),
		{ done: 'goal_share_revoked' }
	)
};
