// What the editors of versioned, per-language content (lessons, group programmes) share: the
// refusal of a language the site does not offer, where the editor starts when a language has no
// text yet, and where a language stands (published, newer draft, draft only, nothing).
import { AppError } from '../errors';
import type { Site } from '../sites/sites.schema';

export type VersionStatus = 'draft' | 'published';

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

/** The refusal for a language the site does not offer: a field error, nothing written. */
export const localeNotOffered = (): AppError =>
	new AppError('invalid_input', { lang: 'err_lesson_locale_not_offered' });

export type StartingPoint = {
	/** What the editor starts from. */
	source: string;
	/**
	 * `own`: the newest version in this language; `default`: no version in this language yet, so
	 * the site's default language (or any) as a starting point to translate; `empty`: nothing at all.
	 */
	from: 'own' | 'default' | 'empty';
	/** The language `source` is written in. */
	sourceLocale: string | null;
	/** The version the editor starts from, in this language. */
	version: { version: number; status: VersionStatus } | null;
};

/** The text an editor opens in a language: its newest version, else another language's to translate. */
export async function startingPoint(
	site: Pick<Site, 'defaultLocale' | 'locales'>,
	locale: string,
	newest: (
		locale: string
	) => Promise<{ source: string; version: number; status: VersionStatus } | undefined>
): Promise<StartingPoint> {
	const own = await newest(locale);
	if (own)
		return {
			source: own.source,
			from: 'own',
			sourceLocale: locale,
			version: { version: own.version, status: own.status }
		};
	for (const other of [site.defaultLocale, ...site.locales].filter((l) => l !== locale)) {
		const found = await newest(other);
		if (found) return { source: found.source, from: 'default', sourceLocale: other, version: null };
	}
	return { source: '', from: 'empty', sourceLocale: null, version: null };
}

/**
 * Where one text stands in a language: `published`, `newer_draft` (published, and a draft newer
 * than it waits), `draft` (only drafts so far) or `missing`.
 */
export type TranslationState = 'published' | 'newer_draft' | 'draft' | 'missing';

/** The state of a language from that text's versions (any languages, any statuses). */
export function translationState(
	versions: readonly { locale: string; status: VersionStatus; version: number }[],
	locale: string
): TranslationState {
	let published = 0;
	let draft = 0;
	for (const v of versions) {
		if (v.locale !== locale) continue;
		if (v.status === 'published') published = Math.max(published, v.version);
		else draft = Math.max(draft, v.version);
	}
	if (published > 0) return draft > published ? 'newer_draft' : 'published';
	return draft > 0 ? 'draft' : 'missing';
}
