// What every companionship use case shares: who may act, the input shapes and the audit record
// (calendar days come from dates/calendar.ts, in the site's time zone). Companionship data is audited on every read and write; anything
// not the actor's (another member's request, another peer's companion, another site) is "not found".
import { z } from 'zod';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase, type UseCase } from '../access/use-case-permissions';
import type { Site } from '../sites/sites.schema';
import { zDay, zWhole } from '../validation';

/** The three sides of a companionship, and the use case each acts in. */
export type CompanionshipSide = 'member' | 'companion' | 'coordinator';
export const sideUseCase: Record<CompanionshipSide, UseCase> = {
	member: 'companionship.member',
	companion: 'companionship.companion',
	coordinator: 'companionship.coordinate'
};

/** The actor and their site when they may use `useCase` there; otherwise "not found". */
export function actorWith(actor: Actor | null, useCase: UseCase): { actor: Actor; site: Site } {
	requireUseCase(actor, useCase);
	return { actor, site: requireSite(actor) };
}

/** "Danish, English; music" → ['Danish', 'English', 'music']: trimmed, case-insensitively unique. */
export const zTags = z.preprocess(
	(v) => {
		const text = Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : '';
		const seen = new Set<string>();
		const tags: string[] = [];
		for (const raw of text.split(/[,;\n]/)) {
			const tag = raw.trim().replace(/\s+/g, ' ');
			if (tag && !seen.has(tag.toLowerCase())) {
				seen.add(tag.toLowerCase());
				tags.push(tag);
			}
		}
		return tags;
	},
	z.array(z.string().max(40, 'companion_err_tag_too_long')).max(20, 'companion_err_too_many_tags')
);

export const zMinutes = zWhole('companion_err_minutes', { min: 1, max: 600 });

/** The day a contact took place, as the date field sends it: a real day, this century. */
export const zContactDay = zDay('companion_err_date').refine(
	(d) => d >= '2000-01-01',
	'companion_err_date'
);

/**
 * Whether a companionship is over: ended early (endedAt), or past its end date, when it ran its
 * full length. Nothing more is logged on one that is over, and its member may ask again.
 */
export const isOver = (
	r: { status: string; endsAt: Date | null; endedAt: Date | null },
	now: Date
): boolean => r.status === 'ended' || r.endedAt !== null || (r.endsAt !== null && r.endsAt <= now);

/** Whole days from `now` until `end`, never below zero. */
export const daysLeft = (end: Date, now: Date): number =>
	Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 86_400_000));

/** Tags two lists share, compared without case, in the first list's spelling. */
export function shared(a: readonly string[], b: readonly string[]): string[] {
	const other = new Set(b.map((t) => t.toLowerCase()));
	return a.filter((t) => other.has(t.toLowerCase()));
}
