// Form actions on steps, shared by the goals list and a goal's own page: both show steps to tick
// and proposals to accept, change or decline. Each answers like any Kith form: a message on
// success, the fields' errors and the input back on failure.
import { formAction, t } from '../forms';
import { setStepDone, ZSetStepDoneInput } from '../goals/set-step-done';
import { acceptStep, ZAcceptStepInput } from '../goals/accept-step';
import { declineStep, ZDeclineStepInput } from '../goals/decline-step';
import { editStep, ZEditStepInput } from '../goals/edit-step';

export const stepActions = {
	tick: formAction(
		ZSetStepDoneInput,
		(input, { locals }) => setStepDone({ db: locals.app.db, actor: locals.actor, input }),
		{ done: (_, input) => t(input.done ? 'goal_step_ticked' : 'goal_step_unticked') }
	),
	accept: formAction(
		ZAcceptStepInput,
		(input, { locals }) => acceptStep({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'goal_step_accepted' }
	),
	decline: formAction(
		ZDeclineStepInput,
		(input, { locals }) => declineStep({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'goal_step_declined' }
	),
	edit: formAction(
		ZEditStepInput,
		(input, { locals }) => editStep({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'goal_step_saved' }
	)
};
