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

	// Offline, the crisis link in the header of the page opens the site's crisis help, although
	// the member never opened it before.
	await expect.poll(() => kept(page, '/crisis/demo')).toBe(true);
	// Nothing the worker keeps names the member (no lesson was opened: decision 0004).
	const signedInAs = (await page.getByText(/^Signed in as /).textContent()) ?? '';
	expect(signedInAs).not.toBe('');
	expect(await keptPages(page)).not.toContain(signedInAs.trim());
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
	// Pages for visitors run no scripts, so the service worker arrives with the first signed-in
	// page; it stays when the person signs out.
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
