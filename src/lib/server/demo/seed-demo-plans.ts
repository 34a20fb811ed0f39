// The demo member's plans, so people trying Kith see both filled: a safety plan (shared with
// the demo professional, who may work on it with them) and a recovery plan (shared with the
// demo peer worker, read-only). Written in Kith's own words.
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import type { Site } from '../sites/sites.schema';
import { planShares } from '../plans/plans.schema';
import { addVersion, ownPlanOrNew } from '../plans/plan-access';
import type { PlanBody, PlanKind } from '../plans/plan-sections';

const safety: PlanBody = {
	warning_signs:
		'I stop answering messages.\nI lie awake going over the same thoughts.\nI tell myself nobody would notice if I was gone.',
	coping:
		'Put on my headphones and walk to the harbour.\nA hot shower.\nBreathe out slowly, counting to six.',
	distractions:
		'The café on the corner (Lina works mornings).\nThe library reading room.\nCalling my cousin Jonas to talk about football.',
	helpers: 'My sister Eva: she said I can call any time.\nPeter from the peer group.',
	professionals: 'My GP, Dr Holm: ring the surgery in opening hours.',
	safer_surroundings:
		'Eva keeps my spare tablets at her place.\nI do not go to the bridge when I feel like this.',
	reasons: 'Eva and her kids.\nMy dog, Bolt.\nFinishing the course I started.'
};

const recovery: PlanBody = {
	toolbox:
		'Walks with Bolt, music, the peer group on Tuesdays, cooking for friends, writing three good things before bed.',
	daily:
		'When I am well I am curious and chatty.\nEvery day: up by 8, walk Bolt, eat breakfast, take my tablets, message one person.',
	triggers:
		'Money letters: open them with Eva, never alone at night.\nThe anniversary in March: plan a day with friends.',
	early_signs:
		'Skipping breakfast, staying in bed, not opening the curtains.\nThen: tell Peter, go to the group even if I do not want to.',
	breaking_down:
		'Not sleeping for two nights, not leaving the flat.\nThen: call my GP and use my safety plan.',
	crisis_contacts: 'Please call Eva first, then my GP.\nPlease do not call my father.',
	crisis_helps: 'Speak slowly and kindly. Sit with me. Help me look after Bolt.',
	crisis_not_helpful: 'Lots of questions at once. Being told to cheer up.',
	crisis_treatment:
		'I would rather be treated at home if that is safe. The day unit at the local hospital has helped before.',
	after_crisis:
		'I know I am coming through when I want to cook again. Ease back in: short walks, one group session, no big decisions for a month.'
};

/** Writes the demo member's two plans and shares them; the demo site is new, so once only. */
export async function seedDemoPlans({
	app,
	site,
	memberId,
	professionalId,
	peerId
}: {
	app: App;
	site: Site;
	memberId: string;
	professionalId: string;
	peerId: string;
}): Promise<void> {
	const plans: [PlanKind, PlanBody, string][] = [
		['safety', safety, professionalId],
		['recovery', recovery, peerId]
	];
	await app.db.transaction(async (tx) => {
		for (const [kind, body, supporterId] of plans) {
			const plan = await ownPlanOrNew(tx, site.id, memberId, kind);
			// Seeding again (never for one site, but cheap to guard) adds nothing.
			if (plan.latestVersion > 0) continue;
			const version = await addVersion(tx, app.config.secret, plan, body, memberId, new Date());
			if (supporterId)
				await tx
					.insert(planShares)
					.values({ planId: plan.id, sharedWithUserId: supporterId })
					.onConflictDoNothing();
			await recordAudit(tx, {
				actorUserId: null,
				actingRole: 'operator',
				siteId: site.id,
				action: 'plan.save',
				entityType: 'plan',
				entityId: plan.id,
				outcome: 'success',
				ip: null,
				details: { kind, version, demo: true }
			});
		}
	});
}
