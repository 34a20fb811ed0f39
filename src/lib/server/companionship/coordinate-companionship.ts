// The coordinator's side (a site admin, permission groups.manage): open requests with the
// member's wishes and candidate peer workers ranked by shared languages and interests, offering a
// match, and peer workers' supervision. The companionships themselves, running and past, with
// their dose, are in companionship-history.ts; ending one is end-companionship.ts.
import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { notFound } from '../errors';
import { sitePeople } from '../people/names';
import { companionProfiles, companionRequests } from './companionship.schema';
import { actorWith, isOver, shared } from './companionship-access';
import { dayOf } from '../dates/calendar';
import { displayNames } from '../people/names';
import { supervisionTotalsBySite, windowStart, type SupervisionTotals } from './supervision';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type Candidate = {
	userId: string;
	name: string;
	languages: string[];
	sharedLanguages: string[];
	sharedInterests: string[];
	availability: string;
	accepting: boolean;
	hasProfile: boolean;
	/** Companions they have now: a coordinator spreads the load. */
	active: number;
	/** The member already declined this peer worker for this request. */
	declined: boolean;
};

export type OpenRequest = {
	id: string;
	memberName: string;
	note: string;
	languages: string[];
	interests: string[];
	requestedOn: string;
	candidates: Candidate[];
};

export type CoordinationView = {
	open: OpenRequest[];
	offered: { id: string; memberName: string; peerName: string; offeredOn: string }[];
	supervisionSince: string;
	supervision: { userId: string; name: string; totals: SupervisionTotals }[];
};

/**
 * Candidates best first: accepting new companions, then most shared languages, then most shared
 * interests, then fewest current companions; peers the member declined go last.
 */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
	return [...candidates].sort(
		(a, b) =>
			Number(a.declined) - Number(b.declined) ||
			Number(b.accepting) - Number(a.accepting) ||
			b.sharedLanguages.length - a.sharedLanguages.length ||
			b.sharedInterests.length - a.sharedInterests.length ||
			a.active - b.active ||
			a.name.localeCompare(b.name)
	);
}

/** Everything the coordinator needs on one page; audited as one read. */
export async function getCoordination({
	db,
	actor: given,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<CoordinationView> {
	const { actor, site } = actorWith(given, 'companionship.coordinate');
	const zone = site.timeZone;
	return db.transaction(async (tx) => {
		const requests = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.siteId, site.id),
					inArray(companionRequests.status, ['requested', 'offered', 'active'])
				)
			)
			.orderBy(companionRequests.createdAt);
		const peers = await sitePeople(tx, site.id, ['peer_worker']);
		const profiles = await tx
			.select()
			.from(companionProfiles)
			.where(eq(companionProfiles.siteId, site.id));
		const waiting = requests.filter((r) => r.status !== 'active');
		const running = requests.filter((r) => r.status === 'active' && !isOver(r, now));
		const names = await displayNames(
			tx,
			waiting.flatMap((r) => [r.memberId, ...(r.peerId ? [r.peerId] : [])])
		);
		const peerName = (id: string | null) =>
			(id && (names.get(id) ?? peers.find((p) => p.userId === id)?.name)) || '';
		const load = (peerId: string) => running.filter((r) => r.peerId === peerId).length;
		const since = windowStart(now, zone);
		const totals = await supervisionTotalsBySite(tx, site.id, since);
		await recordActorAudit(tx, actor, {
			action: 'companionship.read',
			entityType: 'companionship',
			details: { view: 'coordinator', requests: waiting.length }
		});
		return {
			open: requests
				.filter((r) => r.status === 'requested')
				.map((r) => ({
					id: r.id,
					memberName: names.get(r.memberId) ?? '',
					note: r.note,
					languages: r.languages,
					interests: r.interests,
					requestedOn: dayOf(r.createdAt, zone),
					candidates: rankCandidates(
						// A peer worker never accompanies themselves.
						peers
							.filter((p) => p.userId !== r.memberId)
							.map((p) => {
								const profile = profiles.find((x) => x.userId === p.userId);
								return {
									userId: p.userId,
									name: p.name,
									languages: profile?.languages ?? [],
									sharedLanguages: shared(profile?.languages ?? [], r.languages),
									sharedInterests: shared(profile?.interests ?? [], r.interests),
									availability: profile?.availability ?? '',
									accepting: profile?.accepting ?? false,
									hasProfile: !!profile,
									active: load(p.userId),
									declined: r.declinedPeerIds.includes(p.userId)
								};
							})
					)
				})),
			offered: requests
				.filter((r) => r.status === 'offered')
				.map((r) => ({
					id: r.id,
					memberName: names.get(r.memberId) ?? '',
					peerName: peerName(r.peerId),
					offeredOn: dayOf(r.offeredAt ?? r.createdAt, zone)
				})),
			supervisionSince: since,
			supervision: peers.map((p) => ({
				userId: p.userId,
				name: p.name,
				totals: totals.get(p.userId) ?? {
					supervision: { sessions: 0, minutes: 0 },
					intervision: { sessions: 0, minutes: 0 }
				}
			}))
		};
	});
}

export const ZOfferCompanionInput = z.object({ requestId: zId, peerId: zId });
export type TOfferCompanionInput = z.input<typeof ZOfferCompanionInput>;

/** Offers a peer worker of the site to a waiting request; the member then accepts or declines. */
export async function offerCompanion({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TOfferCompanionInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = actorWith(given, 'companionship.coordinate');
	const data = parseInput(ZOfferCompanionInput, input);
	await db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.id, requireUuid(data.requestId)),
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.status, 'requested')
				)
			)
			.limit(1);
		if (!request) throw notFound();
		const [peer] = await sitePeople(tx, site.id, ['peer_worker'], [data.peerId]);
		if (!peer || peer.userId === request.memberId) throw notFound();
		await tx
			.update(companionRequests)
			.set({ status: 'offered', peerId: peer.userId, offeredAt: now })
			.where(eq(companionRequests.id, request.id));
		await recordActorAudit(tx, actor, {
			action: 'companionship.offer',
			entityType: 'companionship',
			entityId: request.id
		});
	});
}
