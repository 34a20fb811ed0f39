import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { AppError } from '../errors';
import { zLine } from '../validation';
import { parseInput, zId } from '../validation';
import { groupFacilitators, groups } from './groups.schema';
import { groupProgrammes, programmeVersions } from '../programmes/programmes.schema';
import { sitePeople } from '../people/names';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';

export const MIN_CAPACITY = 2;
export const MAX_CAPACITY = 30;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ZOpenGroupInput = z.object({
	programmeId: zId.pipe(z.guid('groups_err_programme')),
	name: zLine(80),
	locale: z.string('err_required').max(10, 'err_invalid'),
	capacity: z.preprocess(
		blankToUndefined,
		z.coerce
			.number('groups_err_capacity')
			.int('groups_err_capacity')
			.min(MIN_CAPACITY, 'groups_err_capacity')
			.max(MAX_CAPACITY, 'groups_err_capacity')
			.default(10)
	),
	enrolment: z.enum(['open', 'request', 'invitation'], 'err_invalid'),
	facilitatorId: zId.min(1, 'groups_err_facilitator'),
	coFacilitatorId: zId.min(1, 'groups_err_facilitator'),
	professionalId: z.preprocess(blankToUndefined, zId.optional())
});
export type TOpenGroupInput = z.input<typeof ZOpenGroupInput>;

/** Site admins and peer workers open groups; anyone else gets "not found". */
export function requireGroupOpener(actor: Actor | null): Actor {
	requireUseCase(actor, 'groups.open');
	return actor;
}

/**
 * Opens a group of one of the site's programmes in a language the site offers and the programme
 * is published in, led by two different peer workers of the site (a professional may join as a
 * third facilitator). Audited.
 */
export async function openGroup({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: TOpenGroupInput;
}): Promise<{ id: string }> {
	const actor = requireGroupOpener(given);
	const site = requireSite(actor);
	const data = parseInput(ZOpenGroupInput, input);
	if (!site.locales.includes(data.locale))
		throw new AppError('invalid_input', { locale: 'groups_err_locale' });
	if (data.facilitatorId === data.coFacilitatorId)
		throw new AppError('invalid_input', { coFacilitatorId: 'groups_err_facilitators_same' });
	return db.transaction(async (tx) => {
		const [programme] = await tx
			.select({ id: groupProgrammes.id })
			.from(groupProgrammes)
			.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.id, data.programmeId)))
			.limit(1);
		if (!programme) throw new AppError('invalid_input', { programmeId: 'groups_err_programme' });
		const [published] = await tx
			.select({ id: programmeVersions.id })
			.from(programmeVersions)
			.where(
				and(
					eq(programmeVersions.programmeId, programme.id),
					eq(programmeVersions.locale, data.locale),
					eq(programmeVersions.status, 'published')
				)
			)
			.limit(1);
		if (!published) throw new AppError('invalid_input', { locale: 'groups_err_locale' });
		const peers = await sitePeople(
			tx,
			site.id,
			['peer_worker'],
			[data.facilitatorId, data.coFacilitatorId]
		);
		const isPeer = (id: string) => peers.some((p) => p.userId === id);
		if (!isPeer(data.facilitatorId))
			throw new AppError('invalid_input', { facilitatorId: 'groups_err_facilitator' });
		if (!isPeer(data.coFacilitatorId))
			throw new AppError('invalid_input', { coFacilitatorId: 'groups_err_facilitator' });
		if (data.professionalId) {
			const [pro] = await sitePeople(tx, site.id, ['professional'], [data.professionalId]);
			if (!pro || data.professionalId === data.facilitatorId)
				throw new AppError('invalid_input', { professionalId: 'groups_err_professional' });
		}
		const [row] = await tx
			.insert(groups)
			.values({
				siteId: site.id,
				programmeId: programme.id,
				name: data.name,
				locale: data.locale,
				capacity: data.capacity,
				enrolment: data.enrolment,
				createdBy: actor.userId
			})
			.returning({ id: groups.id });
		if (!row) throw new Error('group not inserted');
		await tx
			.insert(groupFacilitators)
			.values([
				{ groupId: row.id, userId: data.facilitatorId, kind: 'peer' as const },
				{ groupId: row.id, userId: data.coFacilitatorId, kind: 'peer' as const },
				...(data.professionalId
					? [{ groupId: row.id, userId: data.professionalId, kind: 'professional' as const }]
					: [])
			]);
		await recordActorAudit(tx, actor, {
			action: 'group.open',
			entityType: 'group',
			entityId: row.id,
			details: { programmeId: programme.id, enrolment: data.enrolment, capacity: data.capacity }
		});
		return row;
	});
}
