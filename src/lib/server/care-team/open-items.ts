// What a hand-over moves from the old professional to the new one. Nothing moves yet: open items
// (message threads waiting for an answer, appointments still to come, alerts to follow up) belong
// to capabilities later in the order, which register a mover here rather than being imported
// (as `registerStreamCloser` does for the live room). Each mover runs inside the hand-over's
// transaction, so an item moves exactly when the hand-over commits, and says how many it moved.
import type { Tx } from '../db/client';

export type HandOver = {
	siteId: string;
	memberId: string;
	/** The professional handing over, and the one taking over. */
	fromId: string;
	toId: string;
	/** The day the new professional starts (YYYY-MM-DD, the site's calendar). */
	on: string;
};

export type OpenItemsMover = (tx: Tx, handOver: HandOver) => Promise<number>;

const movers = new Map<string, OpenItemsMover>();

/** Registers what a capability moves at a hand-over, under a short name (`messages`, …). */
export function registerOpenItemsMover(name: string, mover: OpenItemsMover): void {
	movers.set(name, mover);
}

/** Runs every registered mover; answers how many items each moved (for the audit record). */
export async function moveOpenItems(tx: Tx, handOver: HandOver): Promise<Record<string, number>> {
	const moved: Record<string, number> = {};
	for (const [name, mover] of movers) moved[name] = await mover(tx, handOver);
	return moved;
}
