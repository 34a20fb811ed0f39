// A running peer group on the demo site, so people trying Kith see one at once: the PEER course
// led by the two demo peer workers, with the demo member in it, one session held and recorded,
// and the next ones scheduled (today's included) at 18:00 site time. Its id is derived from the
// site's slug, so journeys can open it directly.
import { and, eq } from 'drizzle-orm';
import type { App } from '../app';
import { recordAudit } from '../audit/record-audit';
import type { Site } from '../sites/sites.schema';
import { addWeeks, dayOf, instantAt } from '../dates/calendar';
import {
	groupAttendance,
	groupFacilitators,
	groupMembers,
	groups,
	groupSessionLogs,
	groupSessions
} from '../groups/groups.schema';
import { groupProgrammes } from '../programmes/programmes.schema';
import { newCalendarToken } from '../groups/enrolment';
import { programmeText } from '../programmes/programme-text';
import { uuidFrom } from './demo-room-ids';

export const DEMO_PROGRAMME = 'paths-to-everyday-life';

/** The demo group's id on a site: a UUID made from the slug. */
export const demoGroupId = (slug: string): string => uuidFrom(`kith-demo-group:${slug}`);

export async function seedDemoGroup({
	app,
	site,
	leaders,
	members
}: {
	app: App;
	site: Site;
	leaders: string[];
	members: string[];
}): Promise<string | null> {
	const [programme] = await app.db
		.select({ id: groupProgrammes.id })
		.from(groupProgrammes)
		.where(and(eq(groupProgrammes.siteId, site.id), eq(groupProgrammes.slug, DEMO_PROGRAMME)))
		.limit(1);
	const member = members[0];
	if (!programme || [...leaders, ...members].some((id) => !id) || !member || !leaders[0])
		return null;
	const lead = leaders[0];
	const today = dayOf(new Date(), site.timeZone);
	return app.db.transaction(async (tx) => {
		const [group] = await tx
			.insert(groups)
			.values({
				id: demoGroupId(site.slug),
				siteId: site.id,
				programmeId: programme.id,
				name: 'Tuesday evening group',
				locale: 'en',
				capacity: 10,
				enrolment: 'open',
				createdBy: lead
			})
			.returning({ id: groups.id });
		if (!group) throw new Error('demo group not inserted');
		await tx
			.insert(groupFacilitators)
			.values(leaders.map((userId) => ({ groupId: group.id, userId, kind: 'peer' as const })));
		await tx.insert(groupMembers).values(
			members.map((userId) => ({
				groupId: group.id,
				userId,
				status: 'member' as const,
				agreementAcceptedAt: new Date(),
				calendarToken: newCalendarToken()
			}))
		);
		const ids: string[] = [];
		for (let i = 0; i < 4; i++) {
			const startsAt = instantAt(addWeeks(today, i - 1), '18:00', site.timeZone);
			const [s] = await tx
				.insert(groupSessions)
				.values({
					groupId: group.id,
					number: i + 1,
					startsAt,
					endsAt: new Date(startsAt.getTime() + 90 * 60_000),
					delivery: 'live',
					status: i === 0 ? 'closed' : 'scheduled'
				})
				.returning({ id: groupSessions.id });
			if (s) ids.push(s.id);
		}
		const held = ids[0];
		if (held) {
			const text = await programmeText(tx, programme.id, 'en', site.defaultLocale);
			await tx.insert(groupAttendance).values(
				members.map((userId) => ({
					sessionId: held,
					userId,
					present: userId === member,
					source: 'manual' as const
				}))
			);
			await tx.insert(groupSessionLogs).values({
				sessionId: held,
				themeCovered: true,
				checklist: Object.fromEntries((text?.fidelityItems ?? []).map((f) => [f.key, true])),
				note: 'A warm first session; we wrote the group agreement together.',
				recordedBy: lead
			});
		}
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: 'operator',
			siteId: site.id,
			action: 'group.seed_demo',
			entityType: 'group',
			entityId: group.id,
			outcome: 'success',
			ip: null,
			details: { sessions: ids.length }
		});
		return group.id;
	});
}
