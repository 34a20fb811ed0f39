import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '../fixtures/test';
import { emailOf } from '../fixtures/accounts';
import { signInForState } from '../fixtures/api-session';
import { signInAs } from '../fixtures/sign-in';

// Probing leaves a trace: a signed-in person asking for many records that do not exist shows up
// on the site admin's audit page (counted in batches, not one audit record per request).
test('a person asking for many unknown records shows on the audit page', async ({
	playwright,
	browser,
	baseURL
}) => {
	const admin: Page = await (await browser.newContext()).newPage();
	await signInAs(admin, 'site_admin');
	const unusual = admin.getByRole('region', { name: /“not found” answers in the last 24 hours/ });
	const countOf = async (): Promise<number> => {
		await admin.goto('/admin/audit');
		const row = unusual.getByRole('row').filter({ hasText: 'Rui Researcher' });
		if ((await row.count()) === 0) return 0;
		return Number((await row.getByRole('cell').nth(2).innerText()).replace(/\D/g, ''));
	};
	const before = await countOf();

	const prober = await playwright.request.newContext({ baseURL });
	await signInForState(prober, baseURL ?? '', emailOf('researcher'));
	for (let i = 0; i < 25; i++) {
		const res = await prober.get(`/groups/${randomUUID()}`, { maxRedirects: 0 });
		expect(res.status()).toBe(404);
	}
	await prober.dispose();

	await expect(async () => {
		expect(await countOf()).toBeGreaterThanOrEqual(before + 25);
	}).toPass({ timeout: 15_000 });
	// The address shows as its code (a keyed pseudonym), never as the address itself.
	const row = unusual.getByRole('row').filter({ hasText: 'Rui Researcher' });
	await expect(row.getByRole('cell').nth(1)).toHaveText(/^[0-9a-f]{10}$/);
	await expect(row).not.toContainText('127.0.0.1');
});

// The trail reads in plain words, with the code beside each label for exports and filters.
test('the audit trail names actions in plain words, with their codes beside them', async ({
	page
}) => {
	await signInAs(page, 'site_admin');
	await page.goto('/admin/audit');
	// The first look is recorded with the page, so the second shows it.
	await page.goto('/admin/audit?action=audit.');
	const read = page.getByRole('cell').filter({ hasText: 'Looked at the audit trail' }).first();
	await expect(read.locator('code')).toHaveText('audit.read');
	await expect(page.getByRole('cell', { name: 'Site administrator' }).first()).toBeVisible();
});
