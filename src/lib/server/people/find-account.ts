import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import { user } from '../db/auth.schema';

export type AccountSummary = { userId: string; name: string; email: string; disabled: boolean };

/** The account with this e-mail address, for the platform admin; null when there is none. */
export async function findAccount({
	db,
	actor,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { email: string };
}): Promise<AccountSummary | null> {
	requireUseCase(actor, 'platform.people');
	const email = input.email.trim().toLowerCase().slice(0, 320);
	if (!email) return null;
	const [row] = await db.select().from(user).where(eq(user.email, email)).limit(1);
	return row
		? { userId: row.id, name: row.name, email: row.email, disabled: row.disabledAt !== null }
		: null;
}
