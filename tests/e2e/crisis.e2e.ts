import { expect, test } from './fixtures/test';

test.describe('crisis help', () => {
	test.use({ javaScriptEnabled: false });

	test('is reachable without signing in and without JavaScript, from every page', async ({
		page
	}) => {
		await page.goto('/signin');
		await page.getByRole('link', { name: 'Crisis help' }).click();
		await expect(page).toHaveURL(/\/crisis\/demo$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Help right now');
		await expect(page.getByRole('link', { name: 'Call 112' })).toHaveAttribute('href', 'tel:112');
	});
});
