// What an operator (`npm run kith -- jobs:list|jobs:retry|jobs:cancel`) and a site admin
// (/admin/jobs) may do with stored jobs.
import { z } from 'zod';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { notFound } from '../errors';
import { parseInput, requireUuid, zId } from '../validation';
import { recordActorAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { jobs, type Job, type JobState } from './scheduler.schema';

/** The newest jobs first, of one state, kind or site if given (operator command). */
export async function listJobs(
	db: Db,
	filter: { state?: JobState; kind?: string; siteId?: string; limit?: number } = {}
): Promise<Job[]> {
	const where: SQL[] = [];
	if (filter.state) where.push(eq(jobs.state, filter.state));
	if (filter.kind) where.push(eq(jobs.kind, filter.kind));
	if (filter.siteId) where.push(eq(jobs.siteId, filter.siteId));
	return db
		.select()
		.from(jobs)
		.where(and(...where))
		.orderBy(desc(jobs.runAt))
		.limit(filter.limit ?? 50);
}

/** Puts a dead or cancelled job back in the queue, due now, with its attempts counted afresh. */
export async function retryJob(db: Db, id: string): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ state: 'pending', attempts: 0, runAt: new Date(), lockedUntil: null, finishedAt: null })
		.where(and(eq(jobs.id, id), inArray(jobs.state, ['dead', 'cancelled'])))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/** Cancels a job that waits or is dead; one running now cannot be cancelled. */
export async function cancelJob(db: Db, id: string): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ state: 'cancelled', lockedUntil: null, finishedAt: new Date() })
		.where(and(eq(jobs.id, id), inArray(jobs.state, ['pending', 'dead'])))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/** A site admin's view of the work for their site that failed for good, newest first. */
export async function listDeadJobs({
	db,
	actor
}: {
	db: Db;
	actor: Actor | null;
}): Promise<Pick<Job, 'id' | 'kind' | 'attempts' | 'lastError' | 'finishedAt'>[]> {
	requireUseCase(actor, 'site.jobs');
	const site = requireSite(actor);
	return db
		.select({
			id: jobs.id,
			kind: jobs.kind,
			attempts: jobs.attempts,
			lastError: jobs.lastError,
			finishedAt: jobs.finishedAt
		})
		.from(jobs)
		.where(and(eq(jobs.siteId, site.id), eq(jobs.state, 'dead')))
		.orderBy(desc(jobs.finishedAt))
		.limit(100);
}

export const ZRetryDeadJobInput = z.object({ jobId: zId });

/** A site admin runs a dead job of their site again; any other job is "not found". Audited. */
export async function retryDeadJob({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZRetryDeadJobInput>;
}): Promise<void> {
	requireUseCase(actor, 'site.jobs');
	const site = requireSite(actor);
	const { jobId } = parseInput(ZRetryDeadJobInput, input);
	requireUuid(jobId);
	await db.transaction(async (tx) => {
		const rows = await tx
			.update(jobs)
			.set({
				state: 'pending',
				attempts: 0,
				runAt: new Date(),
				lockedUntil: null,
				finishedAt: null
			})
			.where(and(eq(jobs.id, jobId), eq(jobs.state, 'dead'), eq(jobs.siteId, site.id)))
			.returning({ id: jobs.id, kind: jobs.kind });
		const [row] = rows;
		if (!row) throw notFound();
		await recordActorAudit(tx, actor, {
			action: 'job.retry',
			entityType: 'job',
			entityId: row.id,
			details: { kind: row.kind }
		});
	});
}
