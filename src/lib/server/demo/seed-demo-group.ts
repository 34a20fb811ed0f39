// A minimal peer group on the demo site, so the board and moderation can be tried (and tested)
// at once: the demo peer worker facilitates, the two demo members have joined and accepted the
// agreement. Its id is derived from the site's slug, so journeys can open it directly.
// (The programmes work seeds fuller demo groups; this one only needs the tables.)
import { createHash, randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { user } from '../db/auth.schema';
import {
	groupFacilitators,
	groupMembers,
	groupProgrammes,
	groups,
	programmeVersions
} from '../groups/groups.schema';

/** The demo group's id on a site: a UUID made from the slug. */
export function demoGroupId(slug: string): string {
	const h = createHash('sha256').update(`kith-demo-group:${slug}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_GROUP_NAME = 'Tuesday peer group';

export async function seedDemoGroup(
	tx: Tx,
	input: { siteId: string; slug: string; facilitatorEmail: string; memberEmails: string[] }
): Promise<void> {
	const people = await tx
		.select({ id: user.id, email: user.email })
		.from(user)
		.where(inArray(user.email, [input.facilitatorEmail, ...input.memberEmails]));
	const idOf = (email: string) => people.find((p) => p.email === email)?.id;
	const facilitator = idOf(input.facilitatorEmail);
	if (!facilitator) throw new Error('demo facilitator missing');
	const [programme] = await tx
		.insert(groupProgrammes)
		.values({ siteId: input.siteId, slug: 'demo-peer-group', kind: 'ongoing', rhythm: 'weekly' })
		.returning({ id: groupProgrammes.id });
	if (!programme) throw new Error('demo programme not inserted');
	await tx.insert(programmeVersions).values({
		programmeId: programme.id,
		locale: 'en',
		version: 1,
		status: 'published',
		source: '',
		content: {
			title: 'Ongoing peer group',
			summary: 'A weekly peer support group.',
			agreement: 'What is said in the group stays in the group. We listen and speak with respect.',
			fidelityItems: [],
			sessions: []
		}
	});
	const groupId = demoGroupId(input.slug);
	await tx.insert(groups).values({
		id: groupId,
		siteId: input.siteId,
		programmeId: programme.id,
		name: DEMO_GROUP_NAME,
		locale: 'en',
		createdBy: facilitator
	});
	await tx.insert(groupFacilitators).values({ groupId, userId: facilitator, kind: 'peer' });
	for (const email of input.memberEmails) {
		const userId = idOf(email);
		if (!userId) continue;
		await tx.insert(groupMembers).values({
			groupId,
			userId,
			status: 'member',
			agreementAcceptedAt: new Date(),
			calendarToken: randomBytes(24).toString('base64url')
		});
	}
}
