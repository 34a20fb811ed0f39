// Form actions on steps, shared by the goals list and a goal's own page: both show steps to tick
// and proposals to accept, change or decline. Each answers like any Kith form: a message on
// success, the fields' errors and the input back on failure.
import type { ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { failWith, parseForm, t, type FormFailure } from '../forms';
import { setStepDone, ZSetStepDoneInput } from './set-step-done';
import { acceptStep, ZAcceptStepInput } from './accept-step';
import { declineStep, ZDeclineStepInput } from './decline-step';
import { editStep, ZEditStepInput } from './edit-step';

type Event = { request: Request; locals: App.Locals; params: Partial<Record<string, string>> };
type Answer = Promise<{ done: string } | ActionFailure<FormFailure>>;

/** One form action: parse the form, run the use case, answer with a message or the form's errors. */
export function goalAction<S extends z.ZodType>(
	schema: S,
	run: (e: Event, input: z.infer<S>) => Promise<string>
): (e: Event) => Answer {
	return async (e) => {
		const form = await parseForm(e.request, schema);
		if (!form.ok) return form.failure;
		try {
			return { done: await run(e, form.data) };
		} catch (err) {
			return failWith(err, form.values);
		}
	};
}

export const stepActions = {
	tick: goalAction(ZSetStepDoneInput, async ({ locals }, input) => {
		await setStepDone({ db: locals.app.db, actor: locals.actor, input });
		return t(input.done ? 'goal_step_ticked' : 'goal_step_unticked');
	}),
	accept: goalAction(ZAcceptStepInput, async ({ locals }, input) => {
		await acceptStep({ db: locals.app.db, actor: locals.actor, input });
		return t('goal_step_accepted');
	}),
	decline: goalAction(ZDeclineStepInput, async ({ locals }, input) => {
		await declineStep({ db: locals.app.db, actor: locals.actor, input });
		return t('goal_step_declined');
	}),
	edit: goalAction(ZEditStepInput, async ({ locals }, input) => {
		await editStep({ db: locals.app.db, actor: locals.actor, input });
		return t('goal_step_saved');
	})
};
