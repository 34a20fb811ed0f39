import { and, asc, eq, inArray } from 'drizzle-orm';
import type {
	Bundle,
	BundleEntry,
	Observation,
	QuestionnaireResponse,
	QuestionnaireResponseItem
} from '@medplum/fhirtypes';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { checkinAnswers, checkinResponses, instruments } from './outcomes.schema';
import { openAnswer } from './answer-text';

/** The most responses one export holds; a member has a few hundred at most. */
const MAX = 2000;

/**
 * The actor's own completed check-ins as a FHIR R4 collection Bundle: a QuestionnaireResponse per
 * check-in (choices as codings, written answers decrypted) and an Observation per score, derived
 * from its response. Audited.
 */
export async function exportOwnCheckins({
	app,
	actor
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
}): Promise<Bundle> {
	requireUseCase(actor, 'outcomes.answer');
	const site = requireSite(actor);
	return app.db.transaction(async (tx) => {
		const rows = await tx
			.select({ r: checkinResponses, i: instruments })
			.from(checkinResponses)
			.innerJoin(instruments, eq(instruments.id, checkinResponses.instrumentId))
			.where(
				and(
					eq(checkinResponses.siteId, site.id),
					eq(checkinResponses.userId, actor.userId),
					eq(checkinResponses.status, 'completed')
				)
			)
			.orderBy(asc(checkinResponses.completedAt))
			.limit(MAX);
		const answers =
			rows.length === 0
				? []
				: await tx
						.select()
						.from(checkinAnswers)
						.where(
							inArray(
								checkinAnswers.responseId,
								rows.map((row) => row.r.id)
							)
						);
		const subject = { identifier: { system: 'https://kith.example/person', value: actor.userId } };
		const entry: BundleEntry[] = [];
		for (const { r, i } of rows) {
			const authored = (r.completedAt ?? r.createdAt).toISOString();
			const qr: QuestionnaireResponse = {
				resourceType: 'QuestionnaireResponse',
				id: r.id,
				questionnaire: i.questionnaire.url ?? `urn:uuid:${i.id}`,
				status: 'completed',
				subject,
				authored,
				item: i.items.flatMap((item): QuestionnaireResponseItem[] => {
					const a = answers.find((x) => x.responseId === r.id && x.linkId === item.linkId);
					if (!a) return [];
					if (item.kind === 'choice') {
						const option = item.options.find((o) => o.value === a.value);
						if (!option) return [];
						return [
							{
								linkId: item.linkId,
								answer: [{ valueCoding: { code: option.code, display: option.label.en } }]
							}
						];
					}
					if (!a.textEncrypted) return [];
					const text = openAnswer(app.config.secret, r.id, item.linkId, a.textEncrypted);
					return [{ linkId: item.linkId, answer: [{ valueString: text }] }];
				})
			};
			entry.push({ fullUrl: `urn:uuid:${r.id}`, resource: qr });
			if (r.total === null) continue;
			const band = i.scoring.bands.find((b) => b.key === r.band);
			const obs: Observation = {
				resourceType: 'Observation',
				status: 'final',
				code: { text: `${i.title.en} total score` },
				subject,
				effectiveDateTime: authored,
				valueQuantity: { value: r.total },
				...(band ? { interpretation: [{ text: band.label.en }] } : {}),
				derivedFrom: [{ reference: `urn:uuid:${r.id}` }]
			};
			entry.push({ resource: obs });
		}
		await recordActorAudit(tx, actor, {
			action: 'checkin.export',
			entityType: 'checkin',
			entityId: null,
			details: { responses: rows.length }
		});
		return { resourceType: 'Bundle', type: 'collection', entry };
	});
}
