// The welcome a member meets once, on their first sign-in: language, text size and the name they
// use in groups. Finishing it or skipping it marks it done, so nobody meets it twice.
import { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { can, type Actor } from '../access/actor';
import { recordActorAudit } from '../audit/record-audit';
import { profiles, type Profile } from './people.schema';
import { ZProfileInput } from './profile';

/** A member whose welcome is still to come; staff and carers are never sent there. */
export const needsWelcome = (actor: Actor, profile: Pick<Profile, 'welcomedAt'> | null): boolean =>
	can(actor, 'member.space') && profile !== null && profile.welcomedAt === null;

/** The choices the welcome offers: the profile's own rules, so both pages accept the same. */
export const ZWelcomeInput = ZProfileInput.pick({ pseudonym: true, locale: true, textSize: true });
export type TWelcomeInput = z.infer<typeof ZWelcomeInput>;

const audit = (tx: Tx, actor: Actor) =>
	recordActorAudit(tx, actor, {
		action: 'profile.update',
		entityType: 'profile',
		entityId: actor.userId
	});

/** Saves the member's first choices and marks the welcome done. */
export async function finishWelcome({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor;
	input: TWelcomeInput;
}): Promise<void> {
	const now = new Date();
	const values = {
		pseudonym: input.pseudonym || null,
		locale: input.locale || null,
		textSize: input.textSize,
		welcomedAt: now,
		updatedAt: now
	};
	await db.transaction(async (tx) => {
		await tx
			.insert(profiles)
			.values({ userId: actor.userId, displayName: actor.name, ...values })
			.onConflictDoUpdate({ target: profiles.userId, set: values });
		await audit(tx, actor);
	});
}

/** Marks the welcome done without changing anything else: it is always skippable. */
export async function skipWelcome({ db, actor }: { db: Db; actor: Actor }): Promise<void> {
	const now = new Date();
	await db.transaction(async (tx) => {
		await tx
			.insert(profiles)
			.values({ userId: actor.userId, displayName: actor.name, welcomedAt: now })
			.onConflictDoUpdate({ target: profiles.userId, set: { welcomedAt: now, updatedAt: now } });
		await audit(tx, actor);
	});
}
