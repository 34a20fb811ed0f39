// What every companionship use case shares: who may act, the input shapes, dates in the site's
// time zone and the audit record. Companionship data is audited on every read and write; anything
// not the actor's (another member's request, another peer's companion, another site) is "not found".
import { z } from 'zod';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase, type UseCase } from '../access/use-case-permissions';
import { profiles } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';

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

export const zMinutes = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
	z
		.number('companion_err_minutes')
		.int('companion_err_minutes')
		.min(1, 'companion_err_minutes')
		.max(600, 'companion_err_minutes')
);

/** A calendar day as the date field sends it. */
export const zDay = z
	.string('companion_err_date')
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'companion_err_date')
	.refine(
		(d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && d >= '2000-01-01',
		'companion_err_date'
	);

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export const dayIn = (at: Date, timeZone: string): string =>
	new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short' }).format(at);

/** The same day `months` later (clamped to the month's end, like a calendar would). */
export function addMonths(at: Date, months: number): Date {
	const d = new Date(at);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d;
}

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

/** Display names by user id: 1:1 companionship is personal work, so both sides use them. */
export async function displayNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await tx
		.select({ userId: profiles.userId, name: profiles.displayName })
		.from(profiles)
		.where(inArray(profiles.userId, unique));
	return new Map(rows.map((r) => [r.userId, r.name]));
}
