// What every companionship use case shares: who may act, the input shapes and the audit record
// (calendar days come from dates/calendar.ts, in the site's time zone). Companionship data is audited on every read and write; anything
// not the actor's (another member's request, another peer's companion, another site) is "not found".
import { z } from 'zod';
import type { Tx } from '../db/client';
import { actingRole, requireAccess, requireSite, type Actor } from '../access/actor';
import type { Permission } from '../access/permissions';
import { recordAudit, type AuditDetails } from '../audit/record-audit';
import { notFound } from '../errors';
import type { Site } from '../sites/sites.schema';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from a form: anything not shaped like one is simply "not found". */
export const zRecordId = z.string('err_invalid').max(100, 'err_invalid');
export const requireUuid = (id: string): string => {
	if (!uuidShape.test(id)) throw notFound();
	return id;
};

/** The three sides of a companionship, and the permission each acts with. */
export type CompanionshipSide = 'member' | 'companion' | 'coordinator';
export const sidePermission: Record<CompanionshipSide, Permission> = {
	member: 'member.space',
	companion: 'peer.work',
	coordinator: 'groups.manage'
};

/** The actor and their site when they hold `permission` there; otherwise "not found". */
export function actorWith(
	actor: Actor | null,
	permission: Permission
): { actor: Actor; site: Site } {
	requireAccess(actor, permission);
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

export const zOptionalText = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z.string().trim().max(max, 'err_too_long').optional()
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

/** One audit record for a read or write of companionship data, in the caller's transaction. */
export function auditCompanionship(
	tx: Tx,
	actor: Actor,
	siteId: string,
	entry: {
		action: string;
		entityType: 'companionship' | 'companion_contact' | 'supervision_log';
		entityId?: string | null;
		details?: AuditDetails;
	}
): Promise<void> {
	return recordAudit(tx, {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId ?? null,
		outcome: 'success',
		ip: actor.ip,
		details: entry.details ?? null
	});
}
