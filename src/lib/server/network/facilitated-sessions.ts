// Facilitated mapping (GENIE's usual first session): a professional or peer worker asks, the
// member agrees on screen, they fill the map together, and either ends it. Every step is audited.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { mayUse, requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { sitePeople, type Person } from '../people/names';
import { isUuid, parseInput, zId } from '../validation';
import { networkSessions } from './network.schema';

export const ZAskSessionInput = z.object({
	memberId: z.string('net_err_member').min(1, 'net_err_member').max(100, 'net_err_member')
});

/** A facilitator asks a member of the site for a facilitated session; one open request at a time. */
export async function askSession({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZAskSessionInput>;
}): Promise<{ id: string }> {
	requireUseCase(actor, 'network.facilitate');
	const site = requireSite(actor);
	const { memberId } = parseInput(ZAskSessionInput, input);
	return db.transaction(async (tx) => {
		const [member] = await sitePeople(tx, site.id, ['member'], [memberId]);
		if (!member || member.userId === actor.userId)
			throw new AppError('invalid_input', { memberId: 'net_err_member' });
		const [existing] = await tx
			.select({ id: networkSessions.id })
			.from(networkSessions)
			.where(
				and(
					eq(networkSessions.siteId, site.id),
					eq(networkSessions.memberId, memberId),
					eq(networkSessions.facilitatorId, actor.userId),
					inArray(networkSessions.status, ['asked', 'open'])
				)
			)
			.limit(1);
		if (existing) return existing;
		const [row] = await tx
			.insert(networkSessions)
			.values({ siteId: site.id, memberId, facilitatorId: actor.userId })
			.returning({ id: networkSessions.id });
		if (!row) throw new Error('session insert returned nothing');
		await recordActorAudit(tx, actor, {
			action: 'network.session_ask',
			entityType: 'network_session',
			entityId: row.id,
			details: { memberId }
		});
		return row;
	});
}

export const ZAnswerSessionInput = z.object({
	sessionId: zId,
	answer: z.enum(['agree', 'decline'], 'err_invalid')
});

/** The member agrees to (or declines) a session a facilitator asked for. */
export async function answerSession({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZAnswerSessionInput>;
	now?: Date;
}): Promise<void> {
	requireUseCase(actor, 'network.own');
	const site = requireSite(actor);
	const { sessionId, answer } = parseInput(ZAnswerSessionInput, input);
	if (!isUuid(sessionId)) throw notFound();
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(networkSessions)
			.set(
				answer === 'agree'
					? { status: 'open', agreedAt: now }
					: { status: 'declined', endedAt: now }
			)
			.where(
				and(
					eq(networkSessions.id, sessionId),
					eq(networkSessions.siteId, site.id),
					eq(networkSessions.memberId, actor.userId),
					eq(networkSessions.status, 'asked')
				)
			)
			.returning({ id: networkSessions.id });
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: answer === 'agree' ? 'network.session_agree' : 'network.session_decline',
			entityType: 'network_session',
			entityId: row.id
		});
	});
}

export const ZEndSessionInput = z.object({ sessionId: zId });

/** Ends an open (or withdraws an asked) session, by its member or its facilitator. */
export async function endSession({
	db,
	actor,
	input,
	now = new Date()
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZEndSessionInput>;
	now?: Date;
}): Promise<void> {
	if (!actor) throw notFound();
	const site = requireSite(actor);
	const { sessionId } = parseInput(ZEndSessionInput, input);
	if (!isUuid(sessionId)) throw notFound();
	const asMember = mayUse(actor, 'network.own');
	const asFacilitator = mayUse(actor, 'network.facilitate');
	await db.transaction(async (tx) => {
		const [session] = await tx
			.select()
			.from(networkSessions)
			.where(
				and(
					eq(networkSessions.id, sessionId),
					eq(networkSessions.siteId, site.id),
					inArray(networkSessions.status, ['asked', 'open'])
				)
			)
			.limit(1);
		const mine =
			session &&
			((asMember && session.memberId === actor.userId) ||
				(asFacilitator && session.facilitatorId === actor.userId));
		if (!session || !mine) throw notFound();
		await tx
			.update(networkSessions)
			.set({ status: 'ended', endedAt: now })
			.where(eq(networkSessions.id, session.id));
		await recordActorAudit(tx, actor, {
			action: 'network.session_end',
			entityType: 'network_session',
			entityId: session.id
		});
	});
}

export type FacilitatorSessions = {
	members: Person[];
	sessions: { id: string; memberId: string; member: string; status: string; createdAt: Date }[];
};

/** The facilitator's sessions (newest first) and the members they may ask. */
export async function listFacilitatorSessions({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<FacilitatorSessions> {
	requireUseCase(actor, 'network.facilitate');
	const site = requireSite(actor);
	return db.transaction(async (tx) => {
		const members = (await sitePeople(tx, site.id, ['member'])).filter(
			(p) => p.userId !== actor.userId
		);
		const rows = await tx
			.select()
			.from(networkSessions)
			.where(
				and(eq(networkSessions.siteId, site.id), eq(networkSessions.facilitatorId, actor.userId))
			)
			.orderBy(desc(networkSessions.createdAt))
			.limit(50);
		const names = new Map(members.map((m) => [m.userId, m.name]));
		return {
			members,
			sessions: rows.map((r) => ({
				id: r.id,
				memberId: r.memberId,
				member: names.get(r.memberId) ?? '—',
				status: r.status,
				createdAt: r.createdAt
			}))
		};
	});
}
