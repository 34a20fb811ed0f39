// The demo's check-ins: Kith's own instruments on the site, the recovery check-in due every week
// for the demo PEER group, and the demo member's last eight weeks of answers (a chart that shows a
// change: from hard weeks towards good ones), with this week's check-in open to try.
import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import type { Site } from '../sites/sites.schema';
import { addDays, dayOf, instantAt, startOfDay, weekStart } from '../dates/calendar';
import { groups } from '../groups/groups.schema';
import { checkinAnswers, checkinResponses, checkinSchedules } from '../outcomes/outcomes.schema';
import { ensureOwnInstruments } from '../outcomes/install-own-instruments';
import { RECOVERY_CHECKIN_KEY } from '../outcomes/shipped/recovery-checkin';
import { scoreAnswers } from '../outcomes/score';
import { instruments } from '../outcomes/outcomes.schema';
import { demoGroupId } from './seed-demo-group';

const items = ['connectedness', 'hope', 'identity', 'meaning', 'empowerment'];

/** Eight weeks of answers (0-4 each), oldest first: slowly better, with a dip in week five. */
const weeks = [
	[1, 0, 1, 1, 0],
	[1, 1, 1, 1, 1],
	[2, 1, 1, 2, 1],
	[2, 2, 2, 2, 1],
	[1, 1, 2, 1, 1],
	[2, 2, 2, 3, 2],
	[3, 3, 2, 3, 2],
	[3, 3, 3, 3, 3]
];

export async function seedDemoOutcomes({
	app,
	site,
	memberId
}: {
	app: App;
	site: Site;
	memberId: string;
}): Promise<void> {
	await app.db.transaction(async (tx) => {
		const ids = await ensureOwnInstruments(tx, site.id, null);
		const instrumentId = ids.get(RECOVERY_CHECKIN_KEY);
		const groupId = demoGroupId(site.slug);
		const [group] = groupId
			? await tx
					.select({ id: groups.id })
					.from(groups)
					.where(and(eq(groups.id, groupId), eq(groups.siteId, site.id)))
			: [];
		if (!instrumentId || !group || !memberId) return;
		const [instrument] = await tx
			.select()
			.from(instruments)
			.where(eq(instruments.id, instrumentId));
		if (!instrument) return;
		const [schedule] = await tx
			.insert(checkinSchedules)
			.values({ siteId: site.id, instrumentId, groupId: group.id, kind: 'weekly', windowDays: 7 })
			.returning({ id: checkinSchedules.id });
		if (!schedule) throw new Error('demo schedule not inserted');
		const thisWeek = weekStart(dayOf(new Date(), site.timeZone));
		for (const [n, values] of weeks.entries()) {
			const monday = addDays(thisWeek, -7 * (weeks.length - n));
			const answers = new Map(items.map((id, i) => [id, values[i] ?? 0]));
			const score = scoreAnswers(instrument.scoring, answers);
			const [row] = await tx
				.insert(checkinResponses)
				.values({
					siteId: site.id,
					userId: memberId,
					instrumentId,
					scheduleId: schedule.id,
					windowKey: monday,
					opensAt: startOfDay(monday, site.timeZone),
					closesAt: startOfDay(addDays(monday, 7), site.timeZone),
					status: 'completed',
					completedAt: instantAt(addDays(monday, 2), '18:30', site.timeZone),
					total: score.total,
					band: score.band,
					subscales: score.subscales
				})
				.returning({ id: checkinResponses.id });
			if (!row) throw new Error('demo check-in not inserted');
			await tx
				.insert(checkinAnswers)
				.values(
					items.map((linkId) => ({ responseId: row.id, linkId, value: answers.get(linkId) ?? 0 }))
				);
		}
		// This week's check-in, open to try.
		await tx.insert(checkinResponses).values({
			siteId: site.id,
			userId: memberId,
			instrumentId,
			scheduleId: schedule.id,
			windowKey: thisWeek,
			opensAt: startOfDay(thisWeek, site.timeZone),
			closesAt: startOfDay(addDays(thisWeek, 7), site.timeZone)
		});
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: 'operator',
			siteId: site.id,
			action: 'checkin.schedule',
			entityType: 'checkin_schedule',
			entityId: schedule.id,
			outcome: 'success',
			ip: null,
			details: { demo: true }
		});
	});
}
