// The source editors' pages (a lesson, a group programme) work alike: `?lang` picks the language
// and `?view` an older version; the actions preview, save (draft or published) and restore. These
// build that load and those actions around each kind of content's own use cases, so the routes
// stay a few lines and both editors answer the same way.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { failWith, pageError, parseForm, t, type FormValues } from '../forms';
import { formatDateTime } from '../../format';
import { directionOf, localeName } from '../i18n/locale';
import { CourseFormatError } from '../courses/course-format';
import { ProgrammeFormatError } from '../programmes/parse-programme';
import type { StartingPoint, VersionStatus } from './authoring';
import { ZRestoreVersionForm, ZSaveSourceForm, ZSourceForm } from './source-forms';

type Uses = { db: Db; actor: Actor | null };

/** One saved version as the history lists it. */
export type VersionRow = {
	version: number;
	status: VersionStatus;
	author: string | null;
	createdAt: Date;
};

/** A content's history in one language and, when `?view` names one, that version as previewed. */
export type History<Shown> = {
	versions: VersionRow[];
	viewed: { version: number; shown: Shown } | null;
};

/**
 * The editor page's data: the text to start from, the history, and the notes the redirects after
 * saving or restoring leave in the address; or, for a language the site does not offer, the
 * refusal and the languages it does offer.
 */
export async function loadSourceEditor<Source extends StartingPoint, Shown>(
	{ locals, url }: Pick<RequestEvent, 'locals' | 'url'>,
	read: (
		uses: Uses,
		input: { locale: string; view: number | undefined }
	) => Promise<[Source, History<Shown>]>
) {
	const site = locals.actor?.site;
	const locale = url.searchParams.get('lang') ?? site?.defaultLocale ?? locals.locale;
	const view = Number(url.searchParams.get('view')) || undefined;
	const languages = (site?.locales ?? []).map((l) => ({ locale: l, name: localeName(l) }));
	try {
		const [source, history] = await read(
			{ db: locals.app.db, actor: locals.actor },
			{ locale, view }
		);
		return {
			...source,
			locale,
			refused: null,
			language: localeName(locale),
			sourceLanguage: source.sourceLocale ? localeName(source.sourceLocale) : null,
			dir: directionOf(locale),
			languages,
			saved: url.searchParams.get('saved'),
			restored: url.searchParams.get('restored'),
			viewed: history.viewed,
			versions: history.versions.map((v) => ({
				version: v.version,
				status: v.status,
				author: v.author,
				at: formatDateTime(v.createdAt, locals.locale, site?.timeZone)
			}))
		};
	} catch (e) {
		// A language the site does not offer: say so, and offer the ones it does.
		if (e instanceof AppError && e.fields.lang)
			return { refused: t(e.fields.lang), languages, locale };
		return pageError(e);
	}
}

/** Problems in the text go next to the textarea, each with its line and field. */
function refuse(e: unknown, values: FormValues, invalid: string) {
	if (e instanceof CourseFormatError || e instanceof ProgrammeFormatError)
		return fail(400, {
			values,
			errors: {} as Record<string, string>,
			message: t(invalid),
			issues: e.issues.map(({ line, field, message }) => ({ line, field, message }))
		});
	return failWith(e, values);
}

const back = (lang: string, note: string) => `?lang=${encodeURIComponent(lang)}&${note}`;

/**
 * The editor page's actions around one kind of content's use cases. `where` names the record from
 * the route's params; `invalid` is the message key for "the text has problems, nothing saved".
 */
export function sourceEditorActions<Where extends object, Shown>(uses: {
	where: (params: Partial<Record<string, string>>) => Where;
	invalid: string;
	preview: (
		args: Uses & { input: Where & { locale: string; source: string } }
	) => Promise<Shown>;
	save: (
		args: Uses & { input: Where & { locale: string; source: string; status: VersionStatus } }
	) => Promise<unknown>;
	restore: (
		args: Uses & { input: Where & { locale: string; version: number } }
	) => Promise<{ version: number }>;
}) {
	const at = (event: RequestEvent) => ({ db: event.locals.app.db, actor: event.locals.actor });
	return {
		preview: async (event: RequestEvent) => {
			const form = await parseForm(event.request, ZSourceForm);
			if (!form.ok) return form.failure;
			try {
				const preview = await uses.preview({
					...at(event),
					input: { ...uses.where(event.params), locale: form.data.lang, source: form.data.source }
				});
				return { values: form.values, preview };
			} catch (e) {
				return refuse(e, form.values, uses.invalid);
			}
		},
		save: async (event: RequestEvent) => {
			const form = await parseForm(event.request, ZSaveSourceForm);
			if (!form.ok) return form.failure;
			const { lang, source, status } = form.data;
			try {
				await uses.save({
					...at(event),
					input: { ...uses.where(event.params), locale: lang, source, status }
				});
			} catch (e) {
				return refuse(e, form.values, uses.invalid);
			}
			redirect(303, back(lang, `saved=${status}`));
		},
		restore: async (event: RequestEvent) => {
			const form = await parseForm(event.request, ZRestoreVersionForm);
			if (!form.ok) return form.failure;
			let restored;
			try {
				restored = await uses.restore({
					...at(event),
					input: { ...uses.where(event.params), locale: form.data.lang, version: form.data.version }
				});
			} catch (e) {
				return refuse(e, form.values, uses.invalid);
			}
			redirect(303, back(form.data.lang, `restored=${restored.version}`));
		}
	};
}
