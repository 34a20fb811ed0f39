import { expect, test, type Page } from '../fixtures/test';
import { routeRules, guestOnly } from '../../../src/lib/server/access/route-rules';
import { permissionsOf } from '../../../src/lib/server/access/permissions';
import type { SiteRole } from '../../../src/lib/server/people/people.schema';
import { demoRoomPath } from '../../../src/lib/server/demo/demo-room-ids';
import { demoGroupId } from '../../../src/lib/server/demo/seed-demo-group';
import { roles, type Role } from '../fixtures/accounts';
import { axeReport } from '../fixtures/axe';
import { confirmEnrolment, startEnrolment } from '../fixtures/enrol';
import { sidewaysScroll } from '../fixtures/reflow';
import { openReady, signInAs } from '../fixtures/sign-in';

// Accessibility does not depend on the database, so this runs on PGlite only.

/** Endpoints and POST-only actions: nothing for a person to look at. */
const notPages = new Set([
	'/healthz',
	'/readyz',
	'/manifest.webmanifest',
	'/signout',
	'/language',
	'/session/extend',
	'/groups/[groupId]/calendar.ics',
	'/groups/[groupId]/sessions/[sessionId]/room/events',
	// Opens a notification: a redirect to its place, or "not found".
	'/notifications/[notificationId]',
	// Downloads: a member's answers as FHIR, the site's directory as CSV.
	'/checkins/export.json',
	'/admin/resources/export'
]);

/**
 * Every route id of the shell this visitor can open, from the same tables the server uses.
 * Public pages (crisis help, sign-up, links from mail) are checked signed out and signed in as a
 * member only: for other roles they differ just by the menu, which their own pages check.
 */
function routesFor(role: Role | 'anonymous' | 'member-public'): string[] {
	if (role === 'member-public')
		return Object.entries(routeRules)
			.filter(([id, rule]) => rule.access === 'public' && !guestOnly.has(id) && !notPages.has(id))
			.map(([id]) => id);
	const granted =
		role === 'anonymous'
			? new Set<string>()
			: role === 'platform_admin'
				? permissionsOf([], true)
				: permissionsOf([role as SiteRole], false);
	return Object.entries(routeRules)
		.filter(([id]) => !notPages.has(id))
		.filter(([, rule]) => {
			if (rule.access === 'public') return role === 'anonymous';
			if (role === 'anonymous') return false;
			if (rule.access === 'signed-in') return true;
			return rule.anyOf.some((p) => granted.has(p));
		})
		.map(([id]) => id);
}

/** Routes whose sample address is a record nobody owns (their own journeys check real ones). */
const recordIds =
	/\[(goalId|cohortId|sessionId|groupId|threadId|itemId|alertId|planId|memberId|responseId|instrumentId|resourceId|pickId)\]/g;
const answersNotFound = (id: string): boolean =>
	id === '/not-found' ||
	/\[(goalId|cohortId|sessionId|groupId|threadId|itemId|alertId|planId|memberId|responseId|instrumentId|resourceId|pickId)\]/.test(
		id
	);

/** A real address for a route id: [site] is the demo site; ids of records are looked up. */
async function pathFor(page: Page, id: string): Promise<string> {
	if (id === '/admin/people/[userId]') {
		await page.goto('/admin/people');
		const href = await page.locator('main a[href^="/admin/people/"]').first().getAttribute('href');
		if (!href) throw new Error('no person to open on /admin/people');
		return href;
	}
	return id
		.replace('[site]', 'demo')
		.replace('[token]', 'no-such-invitation')
		.replace('[course]', 'recovery-skills')
		.replace('[lesson]', 'what-recovery-means')
		.replace('[programme]', 'paths-to-everyday-life')
		.replace('[topic]', 'groups')
		.replace('[kind]', 'safety')
		.replace(recordIds, '00000000-0000-4000-8000-000000000000');
}

/** What a person and their assistive technology meet on the page as it is now. */
async function checkPage(page: Page, where: string): Promise<void> {
	await expect.soft(page.locator('h1'), `${where}: exactly one <h1>`).toHaveCount(1);
	await expect.soft(page, `${where}: a <title>`).toHaveTitle(/\S/);
	expect.soft(await axeReport(page, where), `${where}: axe violations`).toBe('');
}

for (const role of ['anonymous', 'member-public', ...roles] as const) {
	const who = role === 'member-public' ? 'public page a signed-in member' : `page ${role}`;
	test(`@pglite-only every ${who} can open has no axe violations`, async ({ page }) => {
		test.setTimeout(120_000);
		if (role === 'platform_admin') {
			// A platform admin always needs a second factor, and the access matrix relies on
			// platform@demo having none: platform@other (a platform admin as well) enrols here.
			await signInAs(page, role, 'other');
			await expect(page).toHaveURL(/\/profile\/security/);
			await checkPage(page, '/profile/security (required) as platform_admin');
			await confirmEnrolment(page, await startEnrolment(page));
		} else if (role === 'member-public') await signInAs(page, 'member');
		else if (role !== 'anonymous') await signInAs(page, role);
		for (const id of routesFor(role)) {
			await test.step(id, async () => {
				const path = await pathFor(page, id);
				const response = await page.goto(path);
				// The shared "not found" page, and record pages opened with an id nobody owns,
				// answer 404 by design; they are still pages a person meets, so axe checks them.
				if (answersNotFound(id)) expect.soft(response?.status(), `${path}`).toBe(404);
				else expect.soft(response?.status(), `${role} can open ${path}`).toBeLessThan(400);
				await checkPage(page, `${path} as ${role}`);
			});
		}
	});
}

test.describe('@pglite-only error states and other views', () => {
	test('sign-in form submitted empty', async ({ page }) => {
		await page.goto('/signin');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await checkPage(page, '/signin (empty submit)');
	});

	test('sign-up form with bad input', async ({ page }) => {
		await page.goto('/signup/demo');
		await page.getByLabel('Email', { exact: true }).fill('not-an-email');
		await page.getByLabel('Choose a password').fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await checkPage(page, '/signup/demo (errors)');
	});

	test('forgot-password form submitted empty', async ({ page }) => {
		await page.goto('/forgot-password');
		await page.locator('main form button[type="submit"]').click();
		await expect(page.locator('main [aria-invalid="true"]').first()).toBeVisible();
		await checkPage(page, '/forgot-password (empty submit)');
	});

	test('Hebrew, right to left: sign-in and member home', async ({ page, context, baseURL }) => {
		await context.addCookies([
			{ name: 'kith_lang', value: 'he', url: baseURL ?? 'http://localhost:3100' }
		]);
		await page.goto('/signin');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await checkPage(page, '/signin (he)');
		await signInAs(page, 'member');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await checkPage(page, '/home (he, member)');
	});
});

/** Fails softly, naming what sticks out, when the page as it is now scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
	const { px, culprits } = await sidewaysScroll(page);
	expect.soft(px, `${where} scrolls sideways by ${px} px: ${culprits.join('; ')}`).toBe(0);
}

// WCAG 1.4.10 Reflow: on a phone a page scrolls down, never sideways. Right-to-left pages are
// checked as well as left-to-right ones: a box or marker can stick out on one side only.
test.describe('@pglite-only no sideways scrolling on a phone', () => {
	test('member home at 390 px', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await signInAs(page, 'member');
		await page.goto('/home');
		await expectNoSidewaysScroll(page, '/home (390 px, member)');
		await checkPage(page, '/home (390×844, member)');
		// The menu folded behind its button, opened.
		await page.getByText('Menu', { exact: true }).click();
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
		await expectNoSidewaysScroll(page, '/home (390 px, member, menu open)');
		await checkPage(page, '/home (390×844, member, menu open)');
	});

	for (const locale of ['he', 'en'] as const) {
		test(`group pages at 360 px in ${locale}, as a member and as a facilitator`, async ({
			browser,
			baseURL
		}) => {
			test.setTimeout(120_000);
			const open = async (role: Role): Promise<Page> => {
				const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
				await context.addCookies([
					{ name: 'kith_lang', value: locale, url: baseURL ?? 'http://localhost:3100' }
				]);
				const page = await context.newPage();
				await signInAs(page, role);
				return page;
			};
			const group = `/groups/${demoGroupId('demo')}`;

			// The member starts a thread, so a thread page is checked too.
			const member = await open('member');
			await openReady(member, `${group}/board`);
			await member.locator('input[name="title"]').fill(`Reading on a phone ${locale}`);
			await member
				.locator('textarea[name="body"]')
				.fill('How does the board read on a small screen?');
			await member.locator('form[action="?/post"] button[type="submit"]').click();
			await expect(member).toHaveURL(/\/board\/[0-9a-f-]{36}$/);
			const thread = new URL(member.url()).pathname;

			const peer = await open('peer_worker');
			for (const [page, role] of [
				[member, 'member'],
				[peer, 'peer_worker']
			] as const) {
				await page.goto(group);
				// What the group's page links to: its board, live rooms and (for its facilitator)
				// the pages of its sessions.
				const linked = await page
					.locator('main a[href^="/groups/"]')
					.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
				const paths = new Set([
					'/groups',
					group,
					`${group}/board`,
					thread,
					demoRoomPath('demo'),
					'/companionship',
					...linked.filter((href) => !href.includes('calendar.ics'))
				]);
				if (role === 'peer_worker') paths.add('/groups/new');
				for (const path of paths) {
					const response = await page.goto(path);
					expect.soft(response?.status(), `${role} opens ${path}`).toBeLessThan(400);
					await expect(page.locator('html')).toHaveAttribute(
						'dir',
						locale === 'he' ? 'rtl' : 'ltr'
					);
					await expectNoSidewaysScroll(page, `${path} (${locale}, 360 px, ${role})`);
				}
			}
		});
	}
});
