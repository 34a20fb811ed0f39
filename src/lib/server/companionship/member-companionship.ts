// The member's side of 1:1 peer companionship: ask for a companion, see the offered match (name,
// languages, shared interests, availability), accept or decline it, or withdraw the request.
// Ending a running companionship is end-companionship.ts (the member, companion or coordinator).
import { z } from 'zod';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { sites } from '../sites/sites.schema';
import { companionContacts, companionProfiles, companionRequests } from './companionship.schema';
import { actorWith, daysLeft, isOver, shared, zTags } from './companionship-access';
import { addMonths } from '../dates/calendar';
import { displayNames } from '../people/names';
import { parseInput, requireUuid, zId, zOptionalText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type MemberCompanionship = {
	id: string;
	status: 'requested' | 'offered' | 'active';
	note: string;
	languages: string[];
	interests: string[];
	/** Shown once a peer worker is offered or matched. */
	peer: {
		name: string;
		languages: string[];
		sharedInterests: string[];
		availability: string;
	} | null;
	endsAt: Date | null;
	daysLeft: number | null;
	contacts: number;
} | null;

/** The member's current request or companionship (not one that ended), audited as a read. */
export async function getMemberCompanionship({
	db,
	actor: given,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<{ current: MemberCompanionship; endedBefore: boolean }> {
	const { actor, site } = actorWith(given, 'companionship.member');
	return db.transaction(async (tx) => {
		const rows = await tx
			.select()
			.from(companionRequests)
			.where(
				and(eq(companionRequests.siteId, site.id), eq(companionRequests.memberId, actor.userId))
			)
			.orderBy(desc(companionRequests.createdAt));
		const open = rows.find(
			(r) =>
				r.status === 'requested' ||
				r.status === 'offered' ||
				(r.status === 'active' && !isOver(r, now))
		);
		await recordActorAudit(tx, actor, {
			action: 'companionship.read',
			entityType: 'companionship',
			entityId: open?.id ?? null,
			details: { view: 'member' }
		});
		const endedBefore = rows.some(
			(r) => r !== open && (r.status === 'active' || r.status === 'ended')
		);
		if (!open || open.status === 'declined' || open.status === 'ended')
			return { current: null, endedBefore };
		let peer: NonNullable<MemberCompanionship>['peer'] = null;
		if (open.peerId) {
			const [profile] = await tx
				.select()
				.from(companionProfiles)
				.where(
					and(eq(companionProfiles.siteId, site.id), eq(companionProfiles.userId, open.peerId))
				)
				.limit(1);
			const names = await displayNames(tx, [open.peerId]);
			peer = {
				name: names.get(open.peerId) ?? '',
				languages: profile?.languages ?? [],
				sharedInterests: shared(profile?.interests ?? [], open.interests),
				availability: profile?.availability ?? ''
			};
		}
		const [contacts] = await tx
			.select({ n: count() })
			.from(companionContacts)
			.where(eq(companionContacts.requestId, open.id));
		return {
			endedBefore,
			current: {
				id: open.id,
				status: open.status,
				note: open.note,
				languages: open.languages,
				interests: open.interests,
				peer,
				endsAt: open.endsAt,
				daysLeft: open.endsAt ? daysLeft(open.endsAt, now) : null,
				contacts: contacts?.n ?? 0
			}
		};
	});
}

export const ZRequestCompanionInput = z.object({
	note: zOptionalText(2000),
	languages: zTags,
	interests: zTags
});
export type TRequestCompanionInput = z.input<typeof ZRequestCompanionInput>;

/** A member asks for a peer companion; one open request or companionship at a time. */
export async function requestCompanion({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TRequestCompanionInput;
	now?: Date;
}): Promise<{ id: string }> {
	const { actor, site } = actorWith(given, 'companionship.member');
	const data = parseInput(ZRequestCompanionInput, input);
	return db.transaction(async (tx) => {
		const mine = await tx
			.select({
				status: companionRequests.status,
				endsAt: companionRequests.endsAt,
				endedAt: companionRequests.endedAt
			})
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.memberId, actor.userId),
					inArray(companionRequests.status, ['requested', 'offered', 'active'])
				)
			);
		// A companionship that is over (ended early or run its length) no longer counts.
		if (mine.some((r) => r.status !== 'active' || !isOver(r, now)))
			throw new AppError('conflict', { note: 'companion_err_already_open' });
		const [row] = await tx
			.insert(companionRequests)
			.values({
				siteId: site.id,
				memberId: actor.userId,
				note: data.note ?? '',
				languages: data.languages,
				interests: data.interests
			})
			.returning({ id: companionRequests.id });
		if (!row) throw new Error('insert returned no row');
		await recordActorAudit(tx, actor, {
			action: 'companionship.request',
			entityType: 'companionship',
			entityId: row.id
		});
		return row;
	});
}

export const ZAnswerOfferInput = z.object({
	requestId: zId,
	answer: z.enum(['accept', 'decline'], 'err_invalid')
});
export type TAnswerOfferInput = z.input<typeof ZAnswerOfferInput>;

/**
 * The member accepts the offered companion (the companionship runs for the site's length from
 * now) or declines them (the request waits for another match; that peer is not offered again).
 */
export async function answerOffer({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TAnswerOfferInput;
	now?: Date;
}): Promise<void> {
	const { actor, site } = actorWith(given, 'companionship.member');
	const data = parseInput(ZAnswerOfferInput, input);
	await db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.id, requireUuid(data.requestId)),
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.memberId, actor.userId)
				)
			)
			.limit(1);
		if (!request || request.status !== 'offered' || !request.peerId) throw notFound();
		if (data.answer === 'accept') {
			const [fresh] = await tx
				.select({ months: sites.companionshipMonths })
				.from(sites)
				.where(eq(sites.id, site.id))
				.limit(1);
			await tx
				.update(companionRequests)
				.set({
					status: 'active',
					acceptedAt: now,
					endsAt: addMonths(now, fresh?.months ?? 6)
				})
				.where(eq(companionRequests.id, request.id));
		} else {
			await tx
				.update(companionRequests)
				.set({
					status: 'requested',
					peerId: null,
					offeredAt: null,
					declinedPeerIds: [...request.declinedPeerIds, request.peerId]
				})
				.where(eq(companionRequests.id, request.id));
		}
		await recordActorAudit(tx, actor, {
			action: `companionship.${data.answer}`,
			entityType: 'companionship',
			entityId: request.id
		});
	});
}

export const ZWithdrawRequestInput = z.object({ requestId: zId });

/** The member withdraws their request before a companionship begins (declined); audited. */
export async function withdrawRequest({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZWithdrawRequestInput>;
	now?: Date;
}): Promise<void> {
	const { actor, site } = actorWith(given, 'companionship.member');
	const data = parseInput(ZWithdrawRequestInput, input);
	await db.transaction(async (tx) => {
		const [request] = await tx
			.update(companionRequests)
			.set({ status: 'declined', endedAt: now })
			.where(
				and(
					eq(companionRequests.id, requireUuid(data.requestId)),
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.memberId, actor.userId),
					inArray(companionRequests.status, ['requested', 'offered'])
				)
			)
			.returning({ id: companionRequests.id });
		if (!request) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'companionship.withdraw',
			entityType: 'companionship',
			entityId: request.id
		});
	});
}
