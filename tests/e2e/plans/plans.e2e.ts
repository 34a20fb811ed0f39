import { expect, test, type Page } from '../fixtures/test';
import { signInAs } from '../fixtures/sign-in';
import { signInForState } from '../fixtures/api-session';
import { emailOf } from '../fixtures/accounts';
import { expectNoAxeViolations } from '../fixtures/axe';

// A member's safety plan and recovery plan (issue 12): built in the member's words, printed on
// one clean page, read again without the network, and shared with a supporter only.

/** Waits until the service worker is active and this page goes through it (as the PWA journey). */
async function serviceWorkerInCharge(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null))
		.toBe('activated');
}

/** Whether any of the service worker's caches holds a copy of `path`. */
const kept = (page: Page, path: string): Promise<boolean> =>
	page.evaluate(async (p) => (await caches.match(p)) !== undefined, path);

test('a member builds a safety plan, prints it on one page and reads it offline', async ({
	page,
	context
}) => {
	const reason = `My niece's football matches ${Date.now()}`;
	await signInAs(page, 'member');
	await page.goto('/plans/safety/edit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My safety plan');
	await expectNoAxeViolations(page, 'safety plan editor');

	// Too long a section: the message stands next to it, and what was typed is kept.
	await page.getByLabel(/Signs that a hard time is coming/).fill('I go quiet.');
	await page.getByLabel('My reasons for living').fill('x'.repeat(4001));
	await page.getByRole('button', { name: 'Save plan' }).click();
	await expect(page.locator('#f-reasons-error')).toHaveText(/too long/i);
	await expect(page.getByLabel(/Signs that a hard time is coming/)).toHaveValue('I go quiet.');

	await page.getByLabel('My reasons for living').fill(reason);
	await page.getByRole('button', { name: 'Save plan' }).click();
	await expect(page).toHaveURL(/\/plans\/safety$/);
	await expect(page.getByText(reason)).toBeVisible();
	await expect(page.getByText('I go quiet.')).toBeVisible();
	// The site's crisis numbers come from its settings, in step 5.
	await expect(page.getByRole('link', { name: 'Call 112' })).toBeVisible();
	// Earlier versions stay: the demo's first one is listed.
	await expect(
		page.getByRole('region', { name: 'Earlier versions' }).getByRole('listitem')
	).not.toHaveCount(1);
	await expectNoAxeViolations(page, 'safety plan');

	// One tap from every page: the header offers it beside crisis help.
	await page.goto('/goals');
	await page.locator('header').getByRole('link', { name: 'Safety plan' }).click();
	await expect(page).toHaveURL(/\/plans\/safety$/);

	// Printed: the plan alone (no header, menus or buttons), on a single page.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.shell-header')).toBeHidden();
	await expect(page.getByRole('link', { name: 'Change it' })).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Earlier versions' })).toBeHidden();
	await expect(page.getByText(reason)).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
	await page.emulateMedia({ media: 'screen' });

	// Offline on the member's device: the service worker keeps the plan they opened.
	await serviceWorkerInCharge(page);
	await expect.poll(() => kept(page, '/plans/safety')).toBe(true);
	await context.setOffline(true);
	await page.goto('/plans/safety');
	await expect(page.getByRole('heading', { level: 1, name: 'My safety plan' })).toBeVisible();
	await expect(page.getByText(reason)).toBeVisible();
	// The kept copy does not name the member.
	await expect(page.getByText(/^Signed in as /)).toHaveCount(0);
	await context.setOffline(false);

	// Signing out forgets it.
	await page.goto('/home');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect.poll(() => kept(page, '/plans/safety')).toBe(false);
});

test('a supporter the recovery plan is shared with reads it; one it is not shared with gets not found', async ({
	browser,
	baseURL
}) => {
	const base = baseURL ?? '';
	const peerState = await signInForState(
		(await browser.newContext()).request,
		base,
		emailOf('peer_worker')
	);
	const carerState = await signInForState(
		(await browser.newContext()).request,
		base,
		emailOf('carer')
	);
	const peer = await (await browser.newContext({ storageState: peerState })).newPage();
	await peer.goto('/plans');
	await expect(peer.getByRole('heading', { name: 'Plans shared with you' })).toBeVisible();
	await peer.getByRole('link', { name: /^Recovery plan of / }).click();
	await expect(peer).toHaveURL(/\/plans\/shared\/[0-9a-f-]{36}$/);
	await expect(peer.getByText(/Walks with Bolt/)).toBeVisible();
	// Read-only for a peer worker: nothing to change.
	await expect(peer.getByRole('link', { name: 'Work on it together' })).toHaveCount(0);
	await expectNoAxeViolations(peer, 'shared recovery plan');
	const address = new URL(peer.url()).pathname;

	const carer = await (await browser.newContext({ storageState: carerState })).newPage();
	const answer = await carer.goto(address);
	expect(answer?.status()).toBe(404);
	await expect(carer.getByText(/Walks with Bolt/)).toHaveCount(0);
	await carer.goto('/plans');
	await expect(carer.getByText('Nobody shares a plan with you at the moment.')).toBeVisible();
	await expectNoAxeViolations(carer, 'plans overview of a supporter');
});
