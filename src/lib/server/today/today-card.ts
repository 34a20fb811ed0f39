// The home page ("Today") is made of cards, each given by the capability that owns its data: a
// capability offers a `TodaySource` from its own folder (groups/today-card.ts, goals/today-card.ts
// …) and one list in the web (web/today-sources.ts) names them. Adding a card is one entry in that
// list; the home page never changes, and this foundation module imports no capability.
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { logger } from '../logger';

export type TodayTone = 'urgent' | 'warn' | 'plain';

/** One line of a card: something to open or do now. */
export type TodayItem = {
	text: string;
	/** The language of `text` when it is content (a course or group name), for `lang`. */
	lang?: string;
	/** What it belongs to, shown small above it (the course of a lesson, the goal of a step). */
	context?: { text: string; lang?: string };
	href?: string;
	/** A second line: when, how long ago, how many. */
	detail?: string;
	/** One action beside the item, e.g. joining a live room that is open. */
	action?: { label: string; href: string };
	/** A phone number to call in one tap (shown as a `tel:` link, isolated left to right). */
	phone?: string;
	tone?: TodayTone;
};

/** A card as the home page shows it: every text already in the reader's language and clock. */
export type TodayCard = {
	/** Stable name of the card (its source's key), for tests and anchors. */
	key: string;
	title: string;
	/** A sentence under the title, e.g. "3 open, the oldest waiting 2 days". */
	summary?: string;
	items: TodayItem[];
	/** Where the capability's own page shows all of it. */
	more?: { label: string; href: string };
	tone?: TodayTone;
	/**
	 * Shown every day whatever else there is (crisis help): it does not count as something to
	 * do, so a home with only standing cards still shows the welcome of an empty home.
	 */
	standing?: boolean;
};

/** What every card loader is given: the request's actor, language and clock. */
export type TodayContext = {
	db: Db;
	actor: Actor;
	locale: string;
	/** The zone moments are shown in (displayZone). */
	zone: string;
	now: Date;
	/** The name the person uses in groups, from the profile the request already loaded. */
	pseudonym: string | null;
};

/** A capability's card: for whom it is, and how to load it (null: nothing to show today). */
export type TodaySource = {
	key: string;
	/** Lower comes first: alerts and urgent queues before routine. */
	order: number;
	/** Whether the actor may see this card at all; the loader's use cases check again. */
	appliesTo: (actor: Actor) => boolean;
	load: (ctx: TodayContext) => Promise<TodayCard | null>;
};

/**
 * The cards of the actor's Today, in order. Sources load side by side; one that fails is logged
 * (its key and the error, nothing personal) and left out, so one capability's trouble never takes
 * the home page down.
 */
export async function composeToday(
	sources: readonly TodaySource[],
	ctx: TodayContext
): Promise<TodayCard[]> {
	const chosen = sources
		.filter((s) => s.appliesTo(ctx.actor))
		.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
	const settled = await Promise.allSettled(
		chosen.map(async (s) => {
			const started = performance.now();
			const card = await s.load(ctx);
			// Which card costs what (LOG_LEVEL=debug): the home's server-time budget is shared.
			logger.debug({ card: s.key, ms: Math.round(performance.now() - started) }, 'today card');
			return card;
		})
	);
	const cards: TodayCard[] = [];
	settled.forEach((result, i) => {
		if (result.status === 'fulfilled') {
			if (result.value) cards.push(result.value);
		} else logger.error({ err: result.reason, card: chosen[i]?.key }, 'today card failed');
	});
	return cards;
}
