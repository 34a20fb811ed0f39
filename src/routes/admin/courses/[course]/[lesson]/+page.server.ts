import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { failWith, pageError, parseForm, t, type FormValues } from '$lib/server/forms';
import { AppError } from '$lib/server/errors';
import { formatDateTime } from '$lib/format';
import { directionOf, localeName } from '$lib/server/i18n/locale';
import { CourseFormatError } from '$lib/server/courses/parse-course';
import { getLessonSource } from '$lib/server/courses/get-lesson-source';
import { listLessonVersions } from '$lib/server/courses/list-lesson-versions';
import { previewLesson } from '$lib/server/courses/preview-lesson';
import {
	saveLessonVersion,
	ZLessonSourceForm,
	ZSaveLessonForm
} from '$lib/server/courses/save-lesson-version';
import {
	restoreLessonVersion,
	ZRestoreLessonForm
} from '$lib/server/courses/restore-lesson-version';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const site = locals.actor?.site;
	const locale = url.searchParams.get('lang') ?? site?.defaultLocale ?? locals.locale;
	const view = Number(url.searchParams.get('view')) || undefined;
	const input = { course: params.course, lesson: params.lesson, locale, view };
	const db = locals.app.db;
	const languages = (site?.locales ?? []).map((l) => ({ locale: l, name: localeName(l) }));
	try {
		const [source, history] = await Promise.all([
			getLessonSource({ db, actor: locals.actor, input }),
			listLessonVersions({ db, actor: locals.actor, input })
		]);
		return {
			...source,
			refused: null,
			language: localeName(locale),
			sourceLanguage: source.sourceLocale ? localeName(source.sourceLocale) : null,
			dir: directionOf(locale),
			languages,
			saved: url.searchParams.get('saved'),
			restored: url.searchParams.get('restored'),
			viewed: history.viewed,
			versions: history.versions.map((v) => ({
				...v,
				at: formatDateTime(v.createdAt, locals.locale, site?.timeZone)
			}))
		};
	} catch (e) {
		// A language the site does not offer: say so, and offer the ones it does.
		if (e instanceof AppError && e.fields.lang)
			return {
				refused: t(e.fields.lang),
				languages,
				course: params.course,
				segment: params.lesson
			};
		pageError(e);
	}
};

type Event = Parameters<Actions[string]>[0];
const where = (event: Event, lang: string) => ({
	course: event.params.course ?? '',
	lesson: event.params.lesson ?? '',
	locale: lang
});
const back = (lang: string, note: string) => `?lang=${encodeURIComponent(lang)}&${note}`;

/** Problems in the lesson text go next to the textarea, each with its line and field. */
function refuse(e: unknown, values: FormValues) {
	if (e instanceof CourseFormatError)
		return fail(400, {
			values,
			errors: {} as Record<string, string>,
			message: t('content_invalid'),
			issues: e.issues.map(({ line, field, message }) => ({ line, field, message }))
		});
	return failWith(e, values);
}

export const actions: Actions = {
	preview: async (event) => {
		const form = await parseForm(event.request, ZLessonSourceForm);
		if (!form.ok) return form.failure;
		try {
			const preview = await previewLesson({
				db: event.locals.app.db,
				actor: event.locals.actor,
				input: { ...where(event, form.data.lang), source: form.data.source }
			});
			return { values: form.values, preview };
		} catch (e) {
			return refuse(e, form.values);
		}
	},
	save: async (event) => {
		const form = await parseForm(event.request, ZSaveLessonForm);
		if (!form.ok) return form.failure;
		try {
			await saveLessonVersion({
				db: event.locals.app.db,
				actor: event.locals.actor,
				input: { ...form.data, ...where(event, form.data.lang) }
			});
		} catch (e) {
			return refuse(e, form.values);
		}
		redirect(303, back(form.data.lang, `saved=${form.data.status}`));
	},
	restore: async (event) => {
		const form = await parseForm(event.request, ZRestoreLessonForm);
		if (!form.ok) return form.failure;
		let restored;
		try {
			restored = await restoreLessonVersion({
				db: event.locals.app.db,
				actor: event.locals.actor,
				input: { ...where(event, form.data.lang), version: form.data.version }
			});
		} catch (e) {
			return refuse(e, form.values);
		}
		redirect(303, back(form.data.lang, `restored=${restored.version}`));
	}
};
