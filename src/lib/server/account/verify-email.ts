import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { APIError } from 'better-auth/api';
import type { App } from '../app';
import { recordAuditAlone } from '../audit/record-audit';
import { user } from '../db/auth.schema';

/** The email a confirmation token is about; better-auth has already checked its signature. */
const ZTokenPayload = z.object({ email: z.string() });

function emailOf(token: string): string | null {
	try {
		const payload: unknown = JSON.parse(
			Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')
		);
		const parsed = ZTokenPayload.safeParse(payload);
		return parsed.success ? parsed.data.email : null;
	} catch {
		return null;
	}
}

/** Confirms an email address with the token from the mailed link. False when it did not work. */
export async function verifyEmail({
	app,
	token,
	ip
}: {
	app: App;
	token: string;
	ip: string | null;
}): Promise<boolean> {
	let ok = true;
	try {
		await app.auth.api.verifyEmail({ query: { token } });
	} catch (e) {
		if (!(e instanceof APIError)) throw e;
		ok = false;
	}
	const email = ok ? emailOf(token) : null;
	const [found] = email
		? await app.db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1)
		: [];
	const userId = found?.id ?? null;
	await recordAuditAlone(app.db, {
		actorUserId: userId,
		actingRole: null,
		siteId: null,
		action: 'account.verify_email',
		entityType: userId ? 'user' : null,
		entityId: userId,
		outcome: ok ? 'success' : 'failure',
		ip
	});
	return ok;
}
