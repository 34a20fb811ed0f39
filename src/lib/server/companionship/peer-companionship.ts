// The peer worker's side of 1:1 companionship: their companion profile (what coordinators match
// by), the members they accompany now, and the contact log. A peer sees only their own companions;
// the ones that are over are in companionship-history.ts.
import { z } from 'zod';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import {
	companionContacts,
	companionProfiles,
	companionRequests,
	contactModes,
	type ContactMode
} from './companionship.schema';
import { actorWith, daysLeft, isOver, zContactDay, zMinutes, zTags } from './companionship-access';
import { dayOf } from '../dates/calendar';
import { displayNames } from '../people/names';
import { parseInput, requireUuid, zId, zOptionalText } from '../validation';
import { recordActorAudit } from '../audit/record-audit';

export type CompanionProfile = {
	languages: string[];
	interests: string[];
	availability: string;
	accepting: boolean;
};

export type PeerCompanion = {
	id: string;
	/** The member's display name: 1:1 work needs to know who one meets; nothing else is shown. */
	memberName: string;
	note: string;
	startedOn: string;
	endsOn: string;
	daysLeft: number;
	contacts: { id: string; date: string; mode: ContactMode; minutes: number; note: string }[];
	minutes: number;
};

/**
 * The peer worker's profile, the companions they accompany now (with their contact logs) and
 * offers awaiting an answer; audited as a read.
 */
export async function getPeerCompanionship({
	db,
	actor: given,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	now?: Date;
}): Promise<{ profile: CompanionProfile; companions: PeerCompanion[]; awaiting: number }> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	return db.transaction(async (tx) => {
		const [profile] = await tx
			.select()
			.from(companionProfiles)
			.where(and(eq(companionProfiles.siteId, site.id), eq(companionProfiles.userId, actor.userId)))
			.limit(1);
		const mine = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.peerId, actor.userId),
					inArray(companionRequests.status, ['offered', 'active'])
				)
			)
			.orderBy(asc(companionRequests.endsAt));
		const active = mine.filter((r) => r.status === 'active' && !isOver(r, now));
		const awaiting = mine.filter((r) => r.status === 'offered').length;
		const contacts = active.length
			? await tx
					.select()
					.from(companionContacts)
					.where(
						inArray(
							companionContacts.requestId,
							active.map((r) => r.id)
						)
					)
					.orderBy(desc(companionContacts.date), desc(companionContacts.createdAt))
			: [];
		const names = await displayNames(
			tx,
			active.map((r) => r.memberId)
		);
		await recordActorAudit(tx, actor, {
			action: 'companionship.read',
			entityType: 'companionship',
			details: { view: 'peer', companions: active.length }
		});
		return {
			profile: {
				languages: profile?.languages ?? [],
				interests: profile?.interests ?? [],
				availability: profile?.availability ?? '',
				accepting: profile?.accepting ?? false
			},
			awaiting,
			companions: active.map((r) => {
				const own = contacts.filter((c) => c.requestId === r.id);
				const ends = r.endsAt ?? now;
				return {
					id: r.id,
					memberName: names.get(r.memberId) ?? '',
					note: r.note,
					startedOn: dayOf(r.acceptedAt ?? now, site.timeZone),
					endsOn: dayOf(ends, site.timeZone),
					daysLeft: daysLeft(ends, now),
					contacts: own.map((c) => ({
						id: c.id,
						date: c.date,
						mode: c.mode,
						minutes: c.minutes,
						note: c.note ?? ''
					})),
					minutes: own.reduce((sum, c) => sum + c.minutes, 0)
				};
			})
		};
	});
}

export const ZCompanionProfileInput = z.object({
	languages: zTags,
	interests: zTags,
	availability: zOptionalText(500),
	accepting: z.preprocess((v) => v === 'on' || v === true, z.boolean())
});
export type TCompanionProfileInput = z.input<typeof ZCompanionProfileInput>;

/** Saves the peer worker's companion profile on their site. */
export async function saveCompanionProfile({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TCompanionProfileInput;
}): Promise<void> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	const data = parseInput(ZCompanionProfileInput, input);
	await db.transaction(async (tx) => {
		const values = {
			languages: data.languages,
			interests: data.interests,
			availability: data.availability ?? '',
			accepting: data.accepting,
			updatedAt: new Date()
		};
		await tx
			.insert(companionProfiles)
			.values({ siteId: site.id, userId: actor.userId, ...values })
			.onConflictDoUpdate({
				target: [companionProfiles.siteId, companionProfiles.userId],
				set: values
			});
		await recordActorAudit(tx, actor, {
			action: 'companionship.profile_update',
			entityType: 'companionship',
			details: { accepting: data.accepting }
		});
	});
}

export const ZLogContactInput = z.object({
	requestId: zId,
	date: zContactDay,
	mode: z.enum(contactModes, 'companion_err_mode'),
	minutes: zMinutes,
	note: zOptionalText(500)
});
export type TLogContactInput = z.input<typeof ZLogContactInput>;

/**
 * Logs one contact with a member the peer worker accompanies. The day must fall within the
 * companionship and not in the future (in the site's time zone); once it has ended, nothing more
 * can be logged.
 */
export async function logContact({
	db,
	actor: given,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: TLogContactInput;
	now?: Date;
}): Promise<{ id: string }> {
	const { actor, site } = actorWith(given, 'companionship.companion');
	const data = parseInput(ZLogContactInput, input);
	return db.transaction(async (tx) => {
		const [request] = await tx
			.select()
			.from(companionRequests)
			.where(
				and(
					eq(companionRequests.id, requireUuid(data.requestId)),
					eq(companionRequests.siteId, site.id),
					eq(companionRequests.peerId, actor.userId),
					inArray(companionRequests.status, ['active', 'ended'])
				)
			)
			.limit(1);
		if (!request?.acceptedAt || !request.endsAt) throw notFound();
		// Ended early (endedAt) or run its length (endsAt): either way nothing more is logged.
		if (isOver(request, now)) throw new AppError('invalid_input', { date: 'companion_err_ended' });
		if (data.date > dayOf(now, site.timeZone))
			throw new AppError('invalid_input', { date: 'companion_err_future' });
		if (data.date < dayOf(request.acceptedAt, site.timeZone))
			throw new AppError('invalid_input', { date: 'companion_err_before_start' });
		const [row] = await tx
			.insert(companionContacts)
			.values({
				requestId: request.id,
				date: data.date,
				mode: data.mode,
				minutes: data.minutes,
				note: data.note ?? null,
				loggedBy: actor.userId
			})
			.returning({ id: companionContacts.id });
		if (!row) throw new Error('insert returned no row');
		await recordActorAudit(tx, actor, {
			action: 'companion_contact.create',
			entityType: 'companion_contact',
			entityId: row.id,
			details: { companionship: request.id, minutes: data.minutes, mode: data.mode }
		});
		return row;
	});
}
