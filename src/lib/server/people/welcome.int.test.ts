import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { signInCookie } from '../testing/auth-session';
import { loadActor } from '../auth/load-actor';
import { auditLog } from '../audit/audit.schema';
import type { SiteRole } from './people.schema';
import { finishWelcome, needsWelcome, skipWelcome, ZWelcomeInput } from './welcome';
import { getOwnProfile, updateOwnProfile, ZProfileInput } from './profile';

describe.each(dbKinds)('the first-sign-in welcome on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	/** Signs in as a browser would and asks what the home page asks: welcome first? */
	async function signInSeesWelcome(email: string): Promise<boolean> {
		const { cookie } = await signInCookie(app, email);
		const loaded = await loadActor({ app, headers: new Headers({ cookie }), ip: '127.0.0.1' });
		if (loaded.kind !== 'actor') throw new Error(`no actor: ${loaded.kind}`);
		return needsWelcome(loaded.actor, loaded.profile);
	}

	const welcomeAudits = async (userId: string) =>
		app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'profile.update'), eq(auditLog.actorUserId, userId)));

	it('greets a member on their first sign-in; once skipped, the next sign-in goes to Today', async () => {
		const site = await makeSite(app);
		const { actor, email, userId } = await makePerson(app, site, ['member'], { welcomed: false });
		expect(await signInSeesWelcome(email)).toBe(true);
		// Looking around without skipping does not use it up.
		expect(await signInSeesWelcome(email)).toBe(true);

		await skipWelcome({ db: app.db, actor });
		expect(await signInSeesWelcome(email)).toBe(false);
		// Skipping changes nothing the person chose.
		expect(await getOwnProfile({ db: app.db, actor })).toMatchObject({
			pseudonym: null,
			locale: null,
			textSize: 'normal'
		});
		expect(await welcomeAudits(userId)).toHaveLength(1);
	});

	it('saves the language, text size and group name chosen, and greets no more', async () => {
		const site = await makeSite(app);
		const { actor, email } = await makePerson(app, site, ['member'], { welcomed: false });
		await updateOwnProfile({
			db: app.db,
			actor,
			input: ZProfileInput.parse({ displayName: 'Ada Real', timeZone: 'Asia/Bangkok' })
		});
		const input = ZWelcomeInput.parse({
			locale: 'sw',
			textSize: 'larger',
			pseudonym: ' Quiet Owl '
		});
		await finishWelcome({ db: app.db, actor, input });

		expect(await getOwnProfile({ db: app.db, actor })).toMatchObject({
			displayName: 'Ada Real',
			timeZone: 'Asia/Bangkok',
			locale: 'sw',
			textSize: 'larger',
			pseudonym: 'Quiet Owl'
		});
		expect(await signInSeesWelcome(email)).toBe(false);
	});

	it.each([
		['pseudonym', { pseudonym: 'x'.repeat(41) }, 'err_too_long'],
		['pseudonym', { pseudonym: 'bad\u0007name' }, 'err_invalid_characters'],
		['locale', { locale: 'xx' }, 'err_locale'],
		['textSize', { textSize: 'huge' }, 'err_invalid']
	])('refuses a bad %s with its own message', (field, sent, message) => {
		const parsed = ZWelcomeInput.safeParse(sent);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: [field], message })]);
	});

	it.each<SiteRole>(['peer_worker', 'carer', 'site_admin'])(
		'never sends a %s there: the welcome is for members',
		async (role) => {
			const site = await makeSite(app);
			const { email } = await makePerson(app, site, [role], { welcomed: false });
			expect(await signInSeesWelcome(email)).toBe(false);
		}
	);

	it('leaves accounts made as already welcomed (demo and test accounts) on Today', async () => {
		const site = await makeSite(app);
		const { email } = await makePerson(app, site, ['member']);
		expect(await signInSeesWelcome(email)).toBe(false);
	});
});
