import { and, desc, eq } from 'drizzle-orm';
import type { App } from '../app';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { displayNames } from '../people/names';
import { careTeamRequests, type CareRequestStatus } from './care-team.schema';
import { careTeamOf, type CareTeam } from './care-team-of';
import { openRequestText } from './request-text';
import { inTurn } from './in-turn';

export type OwnCareTeamRequest = {
	id: string;
	aboutName: string | null;
	reason: string | null;
	status: CareRequestStatus;
	answer: string | null;
	createdAt: Date;
	answeredAt: Date | null;
};

/**
 * The member's own care team on their site and their requests for a change (newest first, their
 * words and the answers decrypted). Their own record: nothing is audited.
 */
export async function getOwnCareTeam({
	app,
	actor,
	now = new Date()
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	now?: Date;
}): Promise<{ team: CareTeam; requests: OwnCareTeamRequest[] }> {
	requireUseCase(actor, 'care_team.own');
	const site = requireSite(actor);
	return app.db.transaction(async (tx) => {
		const [team, rows] = await inTurn(
			() => careTeamOf(tx, { siteId: site.id, memberId: actor.userId }, now),
			() =>
				tx
					.select()
					.from(careTeamRequests)
					.where(
						and(eq(careTeamRequests.siteId, site.id), eq(careTeamRequests.memberId, actor.userId))
					)
					.orderBy(desc(careTeamRequests.createdAt))
					.limit(20)
		);
		const names = await displayNames(
			tx,
			rows.flatMap((r) => (r.aboutId ? [r.aboutId] : []))
		);
		const secret = app.config.secret;
		return {
			team,
			requests: rows.map((r) => ({
				id: r.id,
				aboutName: r.aboutId ? (names.get(r.aboutId) ?? null) : null,
				reason: openRequestText(secret, r.id, 'reason', r.reasonEncrypted),
				status: r.status,
				answer: openRequestText(secret, r.id, 'answer', r.answerEncrypted),
				createdAt: r.createdAt,
				answeredAt: r.answeredAt
			}))
		};
	});
}
