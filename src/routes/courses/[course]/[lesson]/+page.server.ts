import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formAction, noFields, pageError } from '$lib/server/forms';
import { localeName } from '$lib/server/i18n/locale';
import { getLesson } from '$lib/server/courses/get-lesson';
import { enrol } from '$lib/server/courses/enrol';
import { answerCheck, ZAnswerCheckForm } from '$lib/server/courses/answer-check';
import { saveReflection, ZSaveReflectionForm } from '$lib/server/courses/save-reflection';
import { markLessonDone } from '$lib/server/courses/mark-lesson-done';
import { addAssignmentStep } from '$lib/server/courses/add-assignment-step';

export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await getLesson({
		app: locals.app,
		actor: locals.actor,
		input: { course: params.course, lesson: params.lesson, locale: locals.locale }
	}).catch(pageError);
	return {
		...view,
		languages: { wanted: localeName(locals.locale), shown: localeName(view.lesson.locale) }
	};
};

type Event = Parameters<Actions[string]>[0];
const where = ({ params, locals }: Event) => ({
	course: params.course ?? '',
	lesson: params.lesson ?? '',
	locale: locals.locale
});

// A form's answer carries its check or prompt key (in `values` on failure), so the page shows it
// beside the form it belongs to.
export const actions: Actions = {
	enrol: formAction(noFields, async (_, event) => {
		const { course, lesson } = where(event);
		await enrol({ db: event.locals.app.db, actor: event.locals.actor, input: { course } });
		redirect(303, `/courses/${encodeURIComponent(course)}/${encodeURIComponent(lesson)}`);
	}),
	answer: formAction(ZAnswerCheckForm, async (input, event) => ({
		feedback: await answerCheck({
			db: event.locals.app.db,
			actor: event.locals.actor,
			input: { ...input, ...where(event) }
		})
	})),
	reflect: formAction(ZSaveReflectionForm, async (input, event) => {
		await saveReflection({
			app: event.locals.app,
			actor: event.locals.actor,
			input: { ...input, ...where(event) }
		});
		return { saved: input.prompt };
	}),
	done: formAction(noFields, async (_, event) => ({
		marked: await markLessonDone({
			db: event.locals.app.db,
			actor: event.locals.actor,
			input: where(event)
		})
	})),
	assignment: formAction(noFields, async (_, event) => {
		const { goalId } = await addAssignmentStep({
			db: event.locals.app.db,
			actor: event.locals.actor,
			input: where(event)
		});
		return { goalId };
	})
};
