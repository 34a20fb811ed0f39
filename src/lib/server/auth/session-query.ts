import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { preparedOn } from '../db/prepared';
import { session, user } from '../db/auth.schema';
import { memberships, profiles } from '../people/people.schema';
import { sites } from '../sites/sites.schema';
import type { Auth } from './auth.config';

/** The session cookie's name and the secret that signs it, as better-auth set them up. */
const cookieSettings = new WeakMap<Auth, Promise<{ name: string; secret: string }>>();

function settingsOf(auth: Auth): Promise<{ name: string; secret: string }> {
	let found = cookieSettings.get(auth);
	if (!found) {
		found = auth.$context.then((c) => ({
			name: c.authCookies.sessionToken.name,
			secret: c.secret
		}));
		cookieSettings.set(auth, found);
	}
	return found;
}

function cookieValue(header: string, name: string): string | null {
	for (const part of header.split(';')) {
		const at = part.indexOf('=');
		if (at < 0 || part.slice(0, at).trim() !== name) continue;
		const raw = part.slice(at + 1).trim();
		try {
			return decodeURIComponent(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
		} catch {
			return null;
		}
	}
	return null;
}

/**
 * The session token of a request, when its cookie carries a valid signature — the check
 * better-auth's getSession makes (better-call's signed cookie: `token.base64(HMAC-SHA256)`).
 * Null when there is no cookie or the signature is wrong: such a request is nobody's.
 */
export async function sessionTokenOf(auth: Auth, headers: Headers): Promise<string | null> {
	const header = headers.get('cookie');
	if (!header) return null;
	const { name, secret } = await settingsOf(auth);
	const value = cookieValue(header, name);
	if (!value) return null;
	const dot = value.lastIndexOf('.');
	if (dot < 1) return null;
	const token = value.slice(0, dot);
	const signature = value.slice(dot + 1);
	if (signature.length !== 44 || !signature.endsWith('=')) return null;
	const expected = createHmac('sha256', secret).update(token).digest();
	const given = Buffer.from(signature, 'base64');
	return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

const sessionStatement = preparedOn((db: Db | Tx) =>
	db
		.select({
			session: {
				id: session.id,
				token: session.token,
				expiresAt: session.expiresAt,
				createdAt: session.createdAt,
				lastSeenAt: session.lastSeenAt,
				activeSiteId: session.activeSiteId
			},
			user: {
				id: user.id,
				email: user.email,
				name: user.name,
				isPlatformAdmin: user.isPlatformAdmin,
				twoFactorEnabled: user.twoFactorEnabled,
				disabledAt: user.disabledAt
			},
			site: sites,
			role: memberships.role,
			profile: profiles
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.leftJoin(
			memberships,
			and(eq(memberships.userId, session.userId), isNull(memberships.suspendedAt))
		)
		.leftJoin(sites, eq(sites.id, memberships.siteId))
		.leftJoin(profiles, eq(profiles.userId, session.userId))
		.where(eq(session.token, sql.placeholder('token')))
		.orderBy(asc(sites.name))
		.prepare('kith_session_actor')
);

/**
 * One statement, prepared once per database handle: the session, its person, their sites and
 * roles (one row per membership that is not suspended) and their profile. What better-auth's
 * getSession and the two look-ups after it read in three round trips (decision 0014).
 */
export function sessionQuery(db: Db): ReturnType<typeof sessionStatement> {
	return sessionStatement(db);
}
