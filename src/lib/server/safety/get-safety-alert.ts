import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { boardPosts } from '../board/board.schema';
import { chatMessages } from '../live-room/live-room.schema';
import { groups } from '../groups/groups.schema';
import { profiles } from '../people/people.schema';
import { siteNames } from '../people/names';
import { logger } from '../logger';
import { safetyAlertEvents, safetyAlertPeople, type SafetyAlert } from './safety.schema';
import { alertFor, type AlertView } from './alert-access';
import { openAlertNote } from './alert-text';

export type AlertDetail = {
	view: AlertView;
	alert: Pick<
		SafetyAlert,
		| 'id'
		| 'status'
		| 'source'
		| 'reason'
		| 'createdAt'
		| 'dueBy'
		| 'escalationLevel'
		| 'outcome'
		| 'acknowledgedAt'
		| 'closedAt'
		| 'groupId'
	>;
	/** Only in the full view. */
	person: { name: string; pseudonym: string | null } | null;
	group: { id: string; name: string } | null;
	content: { title: string | null; body: string; hidden: boolean; link: string | null } | null;
	holders: { name: string | null; why: string; level: number }[];
	events: {
		kind: string;
		outcome: string | null;
		note: string | null;
		by: string | null;
		at: Date;
	}[];
};

async function contentOf(tx: Tx, alert: SafetyAlert): Promise<AlertDetail['content']> {
	if (!alert.groupId) return null;
	if (alert.source === 'board') {
		const [p] = await tx
			.select()
			.from(boardPosts)
			.where(and(eq(boardPosts.id, alert.sourceId), eq(boardPosts.groupId, alert.groupId)));
		if (!p) return null;
		return {
			title: p.title,
			body: p.body,
			hidden: !!p.hiddenAt,
			link: `/groups/${alert.groupId}/board/${p.threadId ?? p.id}`
		};
	}
	if (alert.source === 'room' && /^\d{1,15}$/.test(alert.sourceId)) {
		const [msg] = await tx
			.select({ body: chatMessages.body, hiddenAt: chatMessages.hiddenAt })
			.from(chatMessages)
			.where(eq(chatMessages.id, Number(alert.sourceId)));
		if (!msg) return null;
		return { title: null, body: msg.body, hidden: !!msg.hiddenAt, link: null };
	}
	return null;
}

/**
 * One safety alert with what the people responsible need to care for the person: who (name and
 * pseudonym), where (the group), what they wrote, who holds the alert and every step so far, its
 * notes decrypted. A site admin gets the metadata only (status, times, steps without notes or
 * names). The read is audited.
 */
export async function getSafetyAlert({
	db,
	secret,
	actor: given,
	input
}: {
	db: Db;
	secret: string;
	actor: Actor | null;
	input: { alertId: string };
}): Promise<AlertDetail> {
	return db.transaction(async (tx) => {
		const { actor, site, alert, view } = await alertFor(tx, given, input.alertId);
		const full = view === 'full';
		const holders = await tx
			.select()
			.from(safetyAlertPeople)
			.where(eq(safetyAlertPeople.alertId, alert.id))
			.orderBy(asc(safetyAlertPeople.level), asc(safetyAlertPeople.addedAt));
		const events = await tx
			.select()
			.from(safetyAlertEvents)
			.where(eq(safetyAlertEvents.alertId, alert.id))
			.orderBy(asc(safetyAlertEvents.createdAt));
		const names = await siteNames(tx, site.id, [
			...holders.map((h) => h.userId),
			...events.flatMap((e) => (e.actorId ? [e.actorId] : []))
		]);
		let person: AlertDetail['person'] = null;
		let group: AlertDetail['group'] = null;
		let content: AlertDetail['content'] = null;
		if (full) {
			const [p] = await tx
				.select({ name: profiles.displayName, pseudonym: profiles.pseudonym })
				.from(profiles)
				.where(eq(profiles.userId, alert.personId));
			person = {
				name: (await siteNames(tx, site.id, [alert.personId])).get(alert.personId) ?? p?.name ?? '',
				pseudonym: p?.pseudonym ?? null
			};
			if (alert.groupId) {
				const [g] = await tx
					.select({ id: groups.id, name: groups.name })
					.from(groups)
					.where(eq(groups.id, alert.groupId));
				group = g ?? null;
			}
			content = await contentOf(tx, alert);
		}
		await recordActorAudit(tx, actor, {
			action: 'safety.alert_read',
			entityType: 'safety_alert',
			entityId: alert.id,
			details: { view }
		});
		const noteOf = (stored: string | null): string | null => {
			if (!full || !stored) return null;
			try {
				return openAlertNote(secret, alert.id, stored);
			} catch {
				logger.warn({ alert: alert.id }, 'safety alert note could not be decrypted');
				return null;
			}
		};
		return {
			view,
			alert: {
				id: alert.id,
				status: alert.status,
				source: alert.source,
				reason: alert.reason,
				createdAt: alert.createdAt,
				dueBy: alert.dueBy,
				escalationLevel: alert.escalationLevel,
				outcome: alert.outcome,
				acknowledgedAt: alert.acknowledgedAt,
				closedAt: alert.closedAt,
				groupId: full ? alert.groupId : null
			},
			person,
			group,
			content,
			holders: holders.map((h) => ({
				name: full ? (names.get(h.userId) ?? null) : null,
				why: h.why,
				level: h.level
			})),
			events: events.map((e) => ({
				kind: e.kind,
				outcome: e.outcome,
				note: noteOf(e.noteEncrypted),
				by: full && e.actorId ? (names.get(e.actorId) ?? null) : null,
				at: e.createdAt
			}))
		};
	});
}
