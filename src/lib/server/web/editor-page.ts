// The source editors' pages (a lesson, a group programme) work alike: `?lang` picks the language
// and `?view` an older version; the actions preview, save (draft or published) and restore. These
// build that load and those actions around each kind of content's own use cases, so the routes
// stay a few lines and both editors answer the same way.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError } from '../errors';
import { formAction, pageError, t, type FormValues, type MessageKey } from '../forms';
import { formatDateTime } from '../../format';
import { displayZone } from '../dates/display-zone';
import { directionOf, localeName } from '../i18n/locale';
import { CourseFormatError } from '../courses/course-format';
import { ProgrammeFormatError } from '../programmes/parse-programme';
import type { History, StartingPoint, VersionStatus } from '../content/authoring';
import { ZRestoreVersionForm, ZSaveSourceForm, ZSourceForm } from '../content/source-forms';
import { zWhole } from '../validation';

type Uses = { db: Db; actor: Actor | null };

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
	const view = zWhole('err_invalid', { min: 1 }).safeParse(url.searchParams.get('view') ?? '').data;
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
				at: formatDateTime(
					v.createdAt,
					locals.locale,
					displayZone({ profile: locals.profile, site })
				)
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
const refuse = (values: FormValues, invalid: MessageKey) => (e: unknown) => {
	if (e instanceof CourseFormatError || e instanceof ProgrammeFormatError)
		return fail(400, {
			values,
			errors: {} as Record<string, string>,
			message: t(invalid),
			issues: e.issues.map(({ line, field, message }) => ({ line, field, message }))
		});
	throw e;
};

const back = (lang: string, note: string) => `?lang=${encodeURIComponent(lang)}&${note}`;

/**
 * The editor page's actions around one kind of content's use cases. `where` names the record from
 * the route's params; `invalid` is the message key for "the text has problems, nothing saved".
 */
export function sourceEditorActions<Where extends object, Shown>(uses: {
	where: (params: Partial<Record<string, string>>) => Where;
	invalid: MessageKey;
	preview: (args: Uses & { input: Where & { locale: string; source: string } }) => Promise<Shown>;
	save: (
		args: Uses & { input: Where & { locale: string; source: string; status: VersionStatus } }
	) => Promise<unknown>;
	restore: (
		args: Uses & { input: Where & { locale: string; version: number } }
	) => Promise<{ version: number }>;
}) {
	const at = ({ locals, params }: RequestEvent) => ({
		deps: { db: locals.app.db, actor: locals.actor },
		where: uses.where(params)
	});
	return {
		preview: formAction(ZSourceForm, ({ lang, source }, event, values) => {
			const { deps, where } = at(event);
			return uses
				.preview({ ...deps, input: { ...where, locale: lang, source } })
				.then((preview) => ({ values, preview }), refuse(values, uses.invalid));
		}),
		save: formAction(ZSaveSourceForm, async ({ lang, source, status }, event, values) => {
			const { deps, where } = at(event);
			const input = { ...where, locale: lang, source, status };
			const refused = await uses
				.save({ ...deps, input })
				.then(() => null, refuse(values, uses.invalid));
			if (refused) return refused;
			redirect(303, back(lang, `saved=${status}`));
		}),
		restore: formAction(ZRestoreVersionForm, async ({ lang, version }, event, values) => {
			const { deps, where } = at(event);
			const input = { ...where, locale: lang, version };
			const restored = await uses
				.restore({ ...deps, input })
				.then(({ version }) => version, refuse(values, uses.invalid));
			if (typeof restored !== 'number') return restored;
			redirect(303, back(lang, `restored=${restored}`));
		})
	};
}
