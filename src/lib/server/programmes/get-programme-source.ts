import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { startingPoint, type StartingPoint } from '../content/authoring';
import { programmeTitles } from './programme-text';
import { newestProgrammeVersion, programmeForEditing } from './programme-authoring';

export type ProgrammeSource = StartingPoint & {
	programme: {
		slug: string;
		title: string;
		kind: 'course' | 'ongoing';
		sessionCount: number | null;
	};
	locale: string;
};

/** A programme's text in one language for the editor, newest version first (draft or published). */
export async function getProgrammeSource({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { programme: string; locale: string };
}): Promise<ProgrammeSource> {
	const { site, programme } = await programmeForEditing(db, actor, input);
	const start = await startingPoint(site, input.locale, (locale) =>
		newestProgrammeVersion(db, programme.id, locale)
	);
	const titles = await programmeTitles(db, [programme.id], input.locale, site.defaultLocale);
	return {
		programme: {
			slug: programme.slug,
			title: titles.get(programme.id) ?? programme.slug,
			kind: programme.kind,
			sessionCount: programme.sessionCount
		},
		locale: input.locale,
		...start
	};
}
