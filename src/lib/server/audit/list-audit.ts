import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from './record-audit';
import { auditLog } from './audit.schema';
import { addDays, startOfDay } from '../dates/calendar';

export const AUDIT_PAGE_SIZE = 50;

const zFilterText = (max: number) =>
	z
		.string()
		.optional()
		.transform((s) => s?.trim() ?? '')
		.pipe(
			z
				.string()
				.max(max, 'err_too_long')
				.refine((s) => !/[\u0000-\u001F\u007F]/.test(s), 'err_invalid_characters')
		);

const zDay = z
	.string()
	.optional()
	.transform((s) => s?.trim() ?? '')
	.pipe(z.union([z.literal(''), z.iso.date('err_date')], 'err_date'));

/** The audit page's query string: every filter optional; a bad one is a message, not a crash. */
export const ZAuditFilter = z
	.object({
		action: zFilterText(80),
		actor: zFilterText(100),
		outcome: z
			.union([z.literal(''), z.enum(['success', 'failure', 'denied'])], 'err_invalid')
			.default(''),
		from: zDay,
		to: zDay,
		before: z
			.string()
			.optional()
			.transform((s) => s?.trim() ?? '')
			.pipe(
				z.union([z.literal(''), z.string().regex(/^[1-9]\d{0,15}$/, 'err_invalid')], 'err_invalid')
			)
			.transform((s) => (s ? Number(s) : null))
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'err_date_order', path: ['to'] });
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export type AuditRow = {
	id: number;
	at: Date;
	actorUserId: string | null;
	actingRole: string | null;
	action: string;
	entityType: string | null;
	entityId: string | null;
	outcome: 'success' | 'failure' | 'denied';
	ip: string | null;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the actor's site's audit trail, newest first, filtered (people are named by the
 * page, as the site's staff may see them: `people/names.ts`, siteNames); `nextBefore` is the cursor
 * for older records. Looking at the trail is itself recorded.
 */
export async function listAudit({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TAuditFilter;
}): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
	requireUseCase(actor, 'site.audit');
	const site = requireSite(actor);
	const where: SQL[] = [eq(auditLog.siteId, site.id)];
	if (input.action) where.push(like(auditLog.action, `${escapeLike(input.action)}%`));
	if (input.actor) where.push(eq(auditLog.actorUserId, input.actor));
	if (input.outcome) where.push(eq(auditLog.outcome, input.outcome));
	if (input.from) where.push(gte(auditLog.at, startOfDay(input.from, site.timeZone)));
	if (input.to) where.push(lt(auditLog.at, startOfDay(addDays(input.to, 1), site.timeZone)));
	if (input.before) where.push(lt(auditLog.id, input.before));
	return db.transaction(async (tx) => {
		const found = await tx
			.select({
				id: auditLog.id,
				at: auditLog.at,
				actorUserId: auditLog.actorUserId,
				actingRole: auditLog.actingRole,
				action: auditLog.action,
				entityType: auditLog.entityType,
				entityId: auditLog.entityId,
				outcome: auditLog.outcome,
				ip: auditLog.ip
			})
			.from(auditLog)
			.where(and(...where))
			.orderBy(desc(auditLog.id))
			.limit(AUDIT_PAGE_SIZE + 1);
		await recordActorAudit(tx, actor, {
			action: 'audit.read',
			entityType: 'site',
			entityId: site.id,
			details: { count: Math.min(found.length, AUDIT_PAGE_SIZE) }
		});
		const rows = found.slice(0, AUDIT_PAGE_SIZE);
		const last = rows.at(-1);
		return { rows, nextBefore: found.length > AUDIT_PAGE_SIZE && last ? last.id : null };
	});
}
