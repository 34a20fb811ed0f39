import { expect, test, type Page } from '../fixtures/test';
import { signInAs } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';

// Kith added to a phone's home screen, and what still works without the network (decision 0011).

/** The width and height a PNG file declares (its IHDR chunk). */
const pngSize = (png: Buffer): string => `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;

/**
 * Waits until the service worker is active and this page goes through it. The first page of a
 * visit installs it; the next load is handled by it whether or not its claim has landed yet
 * (as in the offline-lesson journey).
 */
async function serviceWorkerInCharge(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
		.toBe('activated');
}

/** Whether the service worker has kept a copy of `path` (any of its caches). */
const kept = (page: Page, path: string): Promise<boolean> =>
	page.evaluate(async (p) => (await caches.match(p)) !== undefined, path);

/** The app's own scripts the service worker keeps (files under /_app/). */
const keptScripts = (page: Page): Promise<string[]> =>
	page.evaluate(async () => {
		const found: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) {
				const { pathname } = new URL(request.url);
				if (pathname.startsWith('/_app/') && pathname.endsWith('.js')) found.push(pathname);
			}
		return found;
	});

/** Every page the service worker keeps, as one text. */
const keptPages = (page: Page): Promise<string> =>
	page.evaluate(async () => {
		const texts: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				if (response?.headers.get('content-type')?.startsWith('text/html'))
					texts.push(`${request.url}\n${await response.text()}`);
			}
		}
		return texts.join('\n');
	});

/** The demo member's course (seeded as begun): opening its first lesson moves no progress. */
const lesson = '/courses/relaxation-and-wellbeing/slow-breathing';

test('Kith installs, and crisis help opens from another page with the network off', async ({
	page,
	context
}) => {
	await signInAs(page, 'member');
	await page.goto('/home');

	// The manifest the page names: what a browser needs to install the app.
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');
	const answer = await page.request.get('/manifest.webmanifest');
	expect(answer.headers()['content-type']).toMatch(/^application\/manifest\+json/);
	expect(answer.headers()['x-content-type-options']).toBe('nosniff');
	const manifest = (await answer.json()) as Record<string, unknown> & {
		icons: { src: string; sizes: string; type: string; purpose: string }[];
	};
	expect(manifest).toMatchObject({
		lang: 'en',
		dir: 'ltr',
		short_name: 'Kith',
		start_url: '/home',
		scope: '/',
		display: 'standalone',
		theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
		background_color: expect.stringMatching(/^#[0-9a-f]{6}$/)
	});
	expect(manifest.name).toEqual(expect.stringContaining('Kith'));
	expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of manifest.icons) {
		const file = await page.request.get(icon.src);
		expect(file.status(), icon.src).toBe(200);
		expect(file.headers()['content-type'], icon.src).toBe(icon.type);
		expect(file.headers()['x-content-type-options'], icon.src).toBe('nosniff');
		expect(pngSize(await file.body()), icon.src).toBe(icon.sizes);
	}
	const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	expect(pngSize(await (await page.request.get(appleIcon ?? '')).body())).toBe('180x180');

	// Chromium reads the same manifest without complaint and would offer to install the app.
	const cdp = await context.newCDPSession(page);
	const parsed = await cdp.send('Page.getAppManifest', {});
	expect(parsed.errors).toEqual([]);
	await serviceWorkerInCharge(page);
	// Playwright's browser contexts are private windows, where Chromium never installs apps.
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);

	await expect.poll(() => kept(page, '/crisis/demo')).toBe(true);
	// A lesson opened is kept to read offline (decision 0004), but nothing the worker keeps names
	// the member: not the offline page, not crisis help, not the lesson.
	const signedInAs = ((await page.getByText(/^Signed in as /).textContent()) ?? '').trim();
	const name = signedInAs.replace(/^Signed in as /, '');
	expect(name).not.toBe('');
	await page.goto(lesson);
	await expect(page.getByText(signedInAs)).toHaveCount(1);
	await expect.poll(() => kept(page, lesson)).toBe(true);
	const pages = await keptPages(page);
	expect(pages).toContain('Slow breathing');
	expect(pages).not.toContain(name);

	// Offline, the crisis link in the header of the page opens the site's crisis help, although
	// the member never opened it before.
	await context.setOffline(true);
	await page.locator('header').getByRole('link', { name: 'Crisis help' }).click();
	await expect(page).toHaveURL(/\/crisis\/demo$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Help right now' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Call 112' })).toHaveAttribute('href', 'tel:112');
	// The kept copy is crisis help as a visitor sees it: nothing of the member's.
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
	await expectNoAxeViolations(page, 'crisis help offline');

	// A page that is not kept, even reached by a link of the app's own menu: the offline page,
	// whose crisis link works too.
	await context.setOffline(false);
	await page.goto('/home');
	await context.setOffline(true);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Goals' }).click();
	await expect(page).toHaveURL(/\/goals$/);
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expectNoAxeViolations(page, 'offline page');
	await page.getByRole('link', { name: 'Open crisis help' }).click();
	await expect(page.getByRole('link', { name: 'Call 112' })).toBeVisible();
	await context.setOffline(false);
});

test('a page not kept shows the offline page in the person’s language', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([
		{ name: 'kith_lang', value: 'he', url: baseURL ?? 'http://localhost:3100' }
	]);
	// The service worker starts at the sign-in page (in Hebrew: it keeps the offline page in it).
	await signInAs(page, 'member');
	await page.goto('/home');
	await serviceWorkerInCharge(page);
	await expect.poll(() => kept(page, '/offline?kith-language=he')).toBe(true);
	await expect.poll(() => kept(page, '/crisis/demo')).toBe(true);
	const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
		lang: string;
		dir: string;
	};
	expect(manifest).toMatchObject({ lang: 'he', dir: 'rtl' });

	await context.setOffline(true);
	await page.goto('/goals');
	await expect(page).toHaveURL(/\/goals$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'he');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1, name: 'אין חיבור לאינטרנט' })).toBeVisible();
	await expectNoAxeViolations(page, 'offline page (he)');

	await page.getByRole('link', { name: 'לפתיחת העזרה הדחופה' }).click();
	await expect(page).toHaveURL(/\/crisis\/demo$/);
	await expect(page.getByRole('heading', { level: 1, name: 'עזרה עכשיו' })).toBeVisible();
	await context.setOffline(false);
});

test('a visitor who saw crisis help once reads it again offline', async ({ page, context }) => {
	// Never signed in. Crisis help runs none of the app's scripts; a small file of the site's own
	// starts the service worker, which keeps crisis help and the offline page, nothing more.
	await page.goto('/crisis/demo');
	await expect(page.getByRole('link', { name: 'Call 112' })).toBeVisible();
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => kept(page, '/crisis/demo')).toBe(true);
	await expect.poll(() => kept(page, '/offline?kith-language=en')).toBe(true);
	// Its look too, so the contacts read as they did online.
	const styles = await page
		.locator('link[rel="stylesheet"]')
		.evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
	expect(styles.length).toBeGreaterThan(0);
	for (const style of styles) await expect.poll(() => kept(page, style)).toBe(true);
	// A light install on a visitor's data: none of the app's scripts were fetched for it.
	expect(await keptScripts(page)).toEqual([]);

	// Later, on another page for visitors, the network goes: the header's crisis link still
	// opens the contacts.
	await page.goto('/');
	await context.setOffline(true);
	await page.locator('header').getByRole('link', { name: 'Crisis help' }).click();
	await expect(page).toHaveURL(/\/crisis\/demo$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Help right now' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Call 112' })).toHaveAttribute('href', 'tel:112');

	// A page never seen shows the offline page, whose link opens them as well.
	await page.goto('/signin');
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await page.getByRole('link', { name: 'Open crisis help' }).click();
	await expect(page.getByRole('link', { name: 'Call 112' })).toBeVisible();
	await context.setOffline(false);
});
