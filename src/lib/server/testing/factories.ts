// Test factories: every test makes its own site and people, with random names, so tests never
// depend on each other's rows.
import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import { createSite } from '../sites/create-site';
import { ZCreateSiteInput } from '../sites/site.validation';
import { createVerifiedAccount } from '../people/create-account';
import { memberships, type SiteRole } from '../people/people.schema';
import type { Site } from '../sites/sites.schema';
import { buildActorAccess, type Actor } from '../access/actor';
import { session } from '../db/auth.schema';

export const rand = (): string => randomBytes(5).toString('hex');
export const TEST_PASSWORD = 'correct-horse-battery-42';

export async function makeSite(app: App, overrides: Record<string, unknown> = {}): Promise<Site> {
	return createSite({
		db: app.db,
		actor: null,
		input: ZCreateSiteInput.parse({
			slug: `site-${rand()}`,
			name: `Test site ${rand()}`,
			defaultLocale: 'en',
			locales: ['en', 'he'],
			timeZone: 'Europe/Copenhagen',
			selfRegistration: 'on',
			crisisContacts: 'Emergency | 112',
			...overrides
		})
	});
}

/** A verified account holding `roles` on `site`, and the Actor a request of theirs would carry. */
export async function makePerson(
	app: App,
	site: Site | null,
	roles: SiteRole[],
	opts: {
		isPlatformAdmin?: boolean;
		twoFactorEnabled?: boolean;
		email?: string;
		/** false: no session row, for tests that count the sessions a real sign-in leaves. */
		session?: boolean;
		/** false: a first sign-in still to come, which the welcome greets. */
		welcomed?: boolean;
	} = {}
): Promise<{ actor: Actor; email: string; userId: string }> {
	const email = opts.email ?? `p-${rand()}@test.kith.local`;
	const name = `Person ${rand()}`;
	const sessionId = `s-${rand()}`;
	const sessionToken = `t-${rand()}`;
	const userId = await app.db.transaction(async (tx) => {
		const id = await createVerifiedAccount({
			app,
			tx,
			email,
			name,
			password: TEST_PASSWORD,
			isPlatformAdmin: opts.isPlatformAdmin,
			welcomed: opts.welcomed ?? true
		});
		if (site)
			for (const role of roles)
				await tx.insert(memberships).values({ siteId: site.id, userId: id, role });
		// The session row its Actor stands for, as a sign-in would leave it (streams check it).
		const now = new Date();
		if (opts.session !== false)
			await tx.insert(session).values({
				id: sessionId,
				token: sessionToken,
				userId: id,
				expiresAt: new Date(now.getTime() + 12 * 3600_000),
				createdAt: now,
				updatedAt: now,
				lastSeenAt: now
			});
		return id;
	});
	const twoFactorEnabled = opts.twoFactorEnabled ?? true;
	const actor: Actor = {
		userId,
		sessionId,
		sessionToken,
		email,
		name,
		isPlatformAdmin: opts.isPlatformAdmin ?? false,
		twoFactorEnabled,
		site,
		roles,
		sites: site ? [{ id: site.id, slug: site.slug, name: site.name, roles }] : [],
		ip: '127.0.0.1',
		...buildActorAccess({
			roles,
			isPlatformAdmin: opts.isPlatformAdmin ?? false,
			twoFactorEnabled,
			site
		})
	};
	return { actor, email, userId };
}
