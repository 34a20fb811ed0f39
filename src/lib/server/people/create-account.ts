import { eq } from 'drizzle-orm';
import type { App } from '../app';
import type { Tx } from '../db/client';
import { account, user } from '../db/auth.schema';
import { profiles } from './people.schema';

/**
 * Creates an account with a password directly (no verification mail): for the operator's
 * command line, the demo seed, and invitations, where the email was already proven.
 */
export async function createVerifiedAccount({
	app,
	tx,
	email,
	name,
	password,
	isPlatformAdmin = false,
	pseudonym = null,
	welcomed = false
}: {
	app: App;
	tx: Tx;
	email: string;
	name: string;
	password: string;
	isPlatformAdmin?: boolean;
	pseudonym?: string | null;
	/** true for the demo seed and tests: the account skips the first-sign-in welcome. */
	welcomed?: boolean;
}): Promise<string> {
	const ctx = await app.auth.$context;
	const id = crypto.randomUUID();
	const now = new Date();
	await tx.insert(user).values({
		id,
		email,
		name,
		emailVerified: true,
		isPlatformAdmin,
		createdAt: now,
		updatedAt: now
	});
	await tx.insert(account).values({
		id: crypto.randomUUID(),
		accountId: id,
		providerId: 'credential',
		userId: id,
		password: await ctx.password.hash(password),
		createdAt: now,
		updatedAt: now
	});
	await tx
		.insert(profiles)
		.values({ userId: id, displayName: name, pseudonym, welcomedAt: welcomed ? now : null });
	return id;
}

export async function findUserIdByEmail(tx: Tx, email: string): Promise<string | null> {
	const [row] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1);
	return row?.id ?? null;
}
