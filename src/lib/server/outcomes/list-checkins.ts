import { and, asc, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { checkinAnswers, checkinResponses, instruments } from './outcomes.schema';
import type { Labels, ResolvedSpec } from './scoring-spec';

export type DueCheckin = {
	id: string;
	title: Labels;
	closesAt: Date;
	answered: number;
	questions: number;
};

export type ResultPoint = {
	id: string;
	at: Date;
	total: number;
	band: string | null;
	hidden: boolean;
};

export type ResultSeries = {
	key: string;
	title: Labels;
	scoring: Pick<ResolvedSpec, 'bands' | 'range' | 'higherIsBetter'>;
	points: ResultPoint[];
};

/** The most results one chart shows: two years of weekly check-ins. */
const MAX_POINTS = 104;

/** The actor's check-ins open now (with how far they got) and their missed windows. */
export async function listDueCheckins({
	db,
	actor,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<{ due: DueCheckin[]; missed: { id: string; title: Labels; closesAt: Date }[] }> {
	requireUseCase(actor, 'outcomes.answer');
	const site = requireSite(actor);
	const mine = and(eq(checkinResponses.siteId, site.id), eq(checkinResponses.userId, actor.userId));
	const open = await db
		.select({ r: checkinResponses, title: instruments.title, items: instruments.items })
		.from(checkinResponses)
		.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
		.where(
			and(
				mine,
				eq(checkinResponses.status, 'open'),
				lte(checkinResponses.opensAt, now),
				gt(checkinResponses.closesAt, now)
			)
		)
		.orderBy(asc(checkinResponses.closesAt));
	const counts =
		open.length === 0
			? []
			: await db
					.select({ responseId: checkinAnswers.responseId, linkId: checkinAnswers.linkId })
					.from(checkinAnswers)
					.where(
						inArray(
							checkinAnswers.responseId,
							open.map((o) => o.r.id)
						)
					);
	const missed = await db
		.select({
			id: checkinResponses.id,
			title: instruments.title,
			closesAt: checkinResponses.closesAt
		})
		.from(checkinResponses)
		.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
		.where(and(mine, eq(checkinResponses.status, 'missed')))
		.orderBy(desc(checkinResponses.closesAt))
		.limit(5);
	return {
		due: open.map((o) => ({
			id: o.r.id,
			title: o.title,
			closesAt: o.r.closesAt,
			answered: counts.filter((c) => c.responseId === o.r.id).length,
			questions: o.items.length
		})),
		missed
	};
}

/** The actor's own completed scores over time, one series per instrument, oldest first. */
export async function listResults({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<ResultSeries[]> {
	requireUseCase(actor, 'outcomes.answer');
	const site = requireSite(actor);
	const rows = await db
		.select({
			r: checkinResponses,
			key: instruments.key,
			title: instruments.title,
			scoring: instruments.scoring
		})
		.from(checkinResponses)
		.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
		.where(
			and(
				eq(checkinResponses.siteId, site.id),
				eq(checkinResponses.userId, actor.userId),
				eq(checkinResponses.status, 'completed')
			)
		)
		.orderBy(desc(checkinResponses.completedAt))
		.limit(MAX_POINTS * 4);
	const series = new Map<string, ResultSeries>();
	for (const { r, key, title, scoring } of rows.reverse()) {
		if (r.total === null || !r.completedAt) continue;
		let s = series.get(key);
		if (!s) {
			s = { key, title, scoring, points: [] };
			series.set(key, s);
		}
		s.points.push({ id: r.id, at: r.completedAt, total: r.total, band: r.band, hidden: r.hidden });
	}
	return [...series.values()].map((s) => ({ ...s, points: s.points.slice(-MAX_POINTS) }));
}
