import { z } from 'zod';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { AppError, notFound } from '../errors';
import { recordActorAudit } from '../audit/record-audit';
import { notifyInApp } from '../notifications/notify';
import { parseInput, zOptionalText } from '../validation';
import { safetyAlertEvents } from './safety.schema';
import { alertFor } from './alert-access';
import { addHolders, facilitatorsOf } from './alert-people';
import { sealAlertNote } from './alert-text';
import { markAcknowledged } from './acknowledge-safety-alert';
import { SAFETY_ALERT, SAFETY_CRISIS_HELP } from './alert-kinds';

export const careSteps = [
	'reached_out',
	'shared_resources',
	'told_facilitator',
	'welfare_check'
] as const;
export const welfareOutcomes = [
	'safe',
	'supported',
	'referred',
	'emergency',
	'not_reached'
] as const;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

const ZCareStepFields = z.object({
	step: z.enum(careSteps, 'salert_err_step'),
	outcome: z.preprocess(blank, z.enum(welfareOutcomes, 'err_invalid').optional()),
	note: zOptionalText(2000)
});
const outcomeNeeded = (v: z.output<typeof ZCareStepFields>, ctx: z.RefinementCtx) => {
	if (v.step === 'welfare_check' && !v.outcome)
		ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'salert_err_outcome' });
};
/** The form's fields (the alert comes from the address). */
export const ZCareStepForm = ZCareStepFields.superRefine(outcomeNeeded);
export const ZCareStepInput = ZCareStepFields.extend({ alertId: z.string().max(100) }).superRefine(
	outcomeNeeded
);
export type TCareStepInput = z.input<typeof ZCareStepInput>;

/**
 * One care step on an alert, by someone who holds it or is on call: reaching out to the person
 * privately, sharing the site's crisis help with them (an in-app notification leading to the
 * crisis page), telling the group's facilitators (they then hold the alert too), or a welfare
 * check with its outcome. A step on an open alert acknowledges it. The note is encrypted; the
 * step is recorded and audited (without the note).
 */
export async function recordCareStep({
	app,
	actor: given,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: TCareStepInput;
	now?: Date;
}): Promise<void> {
	const data = parseInput(ZCareStepInput, input);
	await app.db.transaction(async (tx) => {
		const { actor, site, alert, view } = await alertFor(tx, given, data.alertId);
		if (view !== 'full') throw notFound();
		if (alert.status === 'closed') throw new AppError('conflict', { step: 'salert_err_closed' });
		if (data.step === 'shared_resources')
			await notifyInApp(tx, {
				siteId: site.id,
				userId: alert.personId,
				kind: SAFETY_CRISIS_HELP,
				targetId: alert.personId,
				source: `${alert.id}:${now.getTime()}`,
				at: now
			});
		if (data.step === 'told_facilitator') {
			const facilitators = alert.groupId
				? (await facilitatorsOf(tx, alert.groupId)).filter(
						(id) => id !== alert.personId && id !== actor.userId
					)
				: [];
			if (facilitators.length === 0)
				throw new AppError('invalid_input', { step: 'salert_err_no_facilitator' });
			await addHolders(
				tx,
				alert.id,
				facilitators.map((userId) => ({ userId, why: 'told' as const })),
				alert.escalationLevel,
				now
			);
			for (const userId of facilitators)
				await notifyInApp(tx, {
					siteId: site.id,
					userId,
					kind: SAFETY_ALERT,
					targetId: alert.id,
					source: `${alert.id}:told`,
					at: now
				});
		}
		await markAcknowledged(tx, actor, alert, now);
		await tx.insert(safetyAlertEvents).values({
			alertId: alert.id,
			actorId: actor.userId,
			kind: data.step,
			outcome: data.step === 'welfare_check' ? (data.outcome ?? null) : null,
			noteEncrypted: data.note ? sealAlertNote(app.config.secret, alert.id, data.note) : null,
			createdAt: now
		});
		await recordActorAudit(tx, actor, {
			action: 'safety.alert_care',
			entityType: 'safety_alert',
			entityId: alert.id,
			details: { step: data.step, outcome: data.outcome ?? null }
		});
	});
}
