import { z } from 'zod';
import { and, desc, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { recordActorAudit } from '../audit/record-audit';
import { displayNames, sitePeople, type Person } from '../people/names';
import { parseInput, zId } from '../validation';
import {
	careTeamAssignments,
	careTeamRequests,
	type CareEndReason,
	type CareRole
} from './care-team.schema';
import { careTeamOf, type CareTeam } from './care-team-of';
import { teamToManage } from './team-access';
import type { OwnCareTeamRequest } from './get-own-care-team';
import { openRequestText } from './request-text';
import { inTurn } from './in-turn';

export const ZPersonCareTeamInput = z.object({ memberId: zId });

export type CareHistoryEntry = {
	id: string;
	name: string;
	role: CareRole;
	startedOn: string;
	endedOn: string | null;
	endReason: CareEndReason | null;
};

export type PersonCareTeam = {
	team: CareTeam;
	history: CareHistoryEntry[];
	requests: OwnCareTeamRequest[];
	/** Who can be assigned: the site's professionals and peer workers. */
	professionals: Person[];
	peerWorkers: Person[];
};

/**
 * A member's care team as the site admin (or their care coordinator) manages it: who is on it,
 * every assignment since the first (hand-overs kept), the member's requests for a change with
 * their words, and who can be assigned. Audited as a read of the person's care team.
 */
export async function getPersonCareTeam({
	app,
	actor,
	input,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	input: z.input<typeof ZPersonCareTeamInput>;
	now?: Date;
}): Promise<PersonCareTeam> {
	requireUseCase(actor, 'care_team.manage');
	const site = requireSite(actor);
	const { memberId } = parseInput(ZPersonCareTeamInput, input);
	return app.db.transaction(async (tx) => {
		await teamToManage(tx, actor, site.id, memberId);
		const [team, history, requests, professionals, peerWorkers] = await inTurn(
			() => careTeamOf(tx, { siteId: site.id, memberId }, now),
			() =>
				tx
					.select()
					.from(careTeamAssignments)
					.where(
						and(eq(careTeamAssignments.siteId, site.id), eq(careTeamAssignments.memberId, memberId))
					)
					.orderBy(desc(careTeamAssignments.startedOn), desc(careTeamAssignments.createdAt)),
			() =>
				tx
					.select()
					.from(careTeamRequests)
					.where(and(eq(careTeamRequests.siteId, site.id), eq(careTeamRequests.memberId, memberId)))
					.orderBy(desc(careTeamRequests.createdAt))
					.limit(20),
			() => sitePeople(tx, site.id, ['professional']),
			() => sitePeople(tx, site.id, ['peer_worker'])
		);
		const names = await displayNames(tx, [
			...history.map((h) => h.supporterId),
			...requests.flatMap((r) => (r.aboutId ? [r.aboutId] : []))
		]);
		await recordActorAudit(tx, actor, {
			action: 'care_team.read',
			entityType: 'user',
			entityId: memberId,
			details: { assignments: history.length, requests: requests.length }
		});
		const secret = app.config.secret;
		return {
			team,
			history: history.map((h) => ({
				id: h.id,
				name: names.get(h.supporterId) ?? '',
				role: h.role,
				startedOn: h.startedOn,
				endedOn: h.endedOn,
				endReason: h.endReason
			})),
			requests: requests.map((r) => ({
				id: r.id,
				aboutName: r.aboutId ? (names.get(r.aboutId) ?? null) : null,
				reason: openRequestText(secret, r.id, 'reason', r.reasonEncrypted),
				status: r.status,
				answer: openRequestText(secret, r.id, 'answer', r.answerEncrypted),
				createdAt: r.createdAt,
				answeredAt: r.answeredAt
			})),
			professionals: professionals.filter((p) => p.userId !== memberId),
			peerWorkers: peerWorkers.filter((p) => p.userId !== memberId)
		};
	});
}
