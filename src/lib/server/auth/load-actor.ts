import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { session as sessionTable } from '../db/auth.schema';
import type { Profile, SiteRole } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';
import { buildActorAccess, type Actor, type SiteSummary } from '../access/actor';
import { isStaff } from '../access/permissions';
import { recordAuditAlone } from '../audit/record-audit';
import type { Auth } from './auth.config';
import { outageOr } from '../db/unavailable';
import { writeBehind } from '../db/write-behind';
import { sessionQuery, sessionTokenOf } from './session-query';

export const IDLE_MEMBER_SECONDS = 30 * 60;
export const IDLE_STAFF_SECONDS = 15 * 60;
/** How often "last seen" is written; idle checks are exact to within this. */
const TOUCH_EVERY_MS = 20_000;

// "Last seen" is written behind the page (decision 0009): the request does not wait for it, and
// idle expiry stays exact to within TOUCH_EVERY_MS plus the moment the write takes.
const touches = writeBehind<{ sessionId: string; lastSeenAt: Date; activeSiteId: string | null }>({
	name: 'session last seen',
	key: (t) => t.sessionId,
	write: async (tx, items) => {
		for (const t of items)
			await tx
				.update(sessionTable)
				// Never back in time: another instance may have written a later touch.
				.set({
					lastSeenAt: sql`greatest(${sessionTable.lastSeenAt}, ${t.lastSeenAt.toISOString()}::timestamptz)`,
					activeSiteId: t.activeSiteId
				})
				.where(eq(sessionTable.id, t.sessionId));
	}
});

export type LoadedActor =
	| { kind: 'none' }
	| { kind: 'ended'; reason: 'idle' | 'disabled' }
	| { kind: 'actor'; actor: Actor; profile: Profile | null; idleSeconds: number };

/**
 * Turns a request's session cookie into an Actor: checks the account is enabled and the session
 * has not been idle too long, records activity, and loads the person's sites and roles.
 */
export async function loadActor({
	app,
	headers,
	ip,
	now = new Date()
}: {
	app: { auth: Auth; db: Db };
	headers: Headers;
	ip: string | null;
	now?: Date;
}): Promise<LoadedActor> {
	const readSince = Date.now();
	const token = await sessionTokenOf(app.auth, headers);
	if (!token) return { kind: 'none' };
	const rows = await sessionQuery(app.db)
		.execute({ token })
		.catch(async (e: unknown) => {
			throw await outageOr(() => app.db.execute(sql`select 1`), e);
		});
	const first = rows[0];
	// Unknown or past its absolute end: better-auth's own path answers, and removes an expired
	// session as it always has. Rare, so its extra statements do not matter.
	if (!first || first.session.expiresAt < new Date()) {
		const found = await app.auth.api
			.getSession({ headers, query: { disableCookieCache: true } })
			.catch(async (e: unknown) => {
				throw await outageOr(() => app.db.execute(sql`select 1`), e);
			});
		if (!found) return { kind: 'none' };
	}
	if (!first) return { kind: 'none' };
	const { session, user } = first;
	const profile = first.profile ?? undefined;
	const end = async (reason: 'idle' | 'disabled') => {
		await app.db.delete(sessionTable).where(eq(sessionTable.id, session.id));
		await recordAuditAlone(app.db, {
			actorUserId: user.id,
			actingRole: null,
			siteId: session.activeSiteId ?? null,
			action: reason === 'idle' ? 'session.idle_timeout' : 'session.refused_disabled',
			entityType: 'session',
			entityId: session.id,
			outcome: 'success',
			ip
		});
		return { kind: 'ended', reason } as const;
	};
	if (user.disabledAt) return end('disabled');

	const summaries = new Map<string, SiteSummary & { site: Site }>();
	for (const { site, role } of rows) {
		if (!site || !role) continue;
		const entry = summaries.get(site.id) ?? {
			id: site.id,
			slug: site.slug,
			name: site.name,
			roles: [],
			site
		};
		entry.roles.push(role);
		summaries.set(site.id, entry);
	}
	const active =
		(session.activeSiteId ? summaries.get(session.activeSiteId) : undefined) ??
		summaries.values().next().value;
	const roles: SiteRole[] = active?.roles ?? [];
	const isPlatformAdmin = user.isPlatformAdmin === true;
	const idleSeconds = isStaff(roles, isPlatformAdmin) ? IDLE_STAFF_SECONDS : IDLE_MEMBER_SECONDS;

	// A touch of this instance not written yet counts: the request before this one was activity.
	const stored = new Date(session.lastSeenAt ?? session.createdAt);
	const queued = touches.queued(app.db, session.id, readSince)?.lastSeenAt;
	const lastSeen = queued && queued > stored ? queued : stored;
	if (now.getTime() - lastSeen.getTime() > idleSeconds * 1000) return end('idle');
	if (
		now.getTime() - lastSeen.getTime() > TOUCH_EVERY_MS ||
		session.activeSiteId !== (active?.id ?? null)
	)
		touches.add(app.db, {
			sessionId: session.id,
			lastSeenAt: now,
			activeSiteId: active?.id ?? null
		});

	const site = active?.site ?? null;
	const access = buildActorAccess({
		roles,
		isPlatformAdmin,
		twoFactorEnabled: user.twoFactorEnabled === true,
		site
	});
	const actor: Actor = {
		userId: user.id,
		sessionId: session.id,
		sessionToken: session.token,
		email: user.email,
		name: profile?.displayName ?? user.name,
		isPlatformAdmin,
		twoFactorEnabled: user.twoFactorEnabled === true,
		site,
		roles,
		sites: [...summaries.values()].map(({ id, slug, name, roles: r }) => ({
			id,
			slug,
			name,
			roles: r
		})),
		ip,
		...access
	};
	return { kind: 'actor', actor, profile: profile ?? null, idleSeconds };
}
