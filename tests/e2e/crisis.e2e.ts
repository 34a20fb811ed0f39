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

	test('speaks the reader’s language, and a phone number reads left to right on a Hebrew page', async ({
		page,
		context,
		baseURL
	}) => {
		const speak = (language: string) =>
			context.addCookies([{ name: 'kith_lang', value: language, url: baseURL ?? '' }]);
		await speak('da');
		await page.goto('/crisis/demo');
		await expect(page.getByRole('heading', { level: 3, name: 'Alarmcentralen' })).toHaveAttribute(
			'lang',
			'da'
		);

		await speak('he');
		await page.goto('/crisis/demo');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expect(page.getByRole('heading', { level: 3, name: 'שירותי חירום' })).toBeVisible();
		const number = page.locator('a[href="tel:+4570000000"] bdi');
		await expect(number).toHaveAttribute('dir', 'ltr');
		await expect(number).toHaveText('+45 70 00 00 00');
		// Laid out as written: the plus sign is at the left end, not "00 00 70 45+".
		const [plus, last] = await number.evaluate((el) => {
			const range = document.createRange();
			const text = el.firstChild;
			if (!text) return [0, 0];
			range.setStart(text, 0);
			range.setEnd(text, 1);
			const first = range.getBoundingClientRect().x;
			range.setStart(text, (text.textContent ?? '').length - 1);
			range.setEnd(text, (text.textContent ?? '').length);
			return [first, range.getBoundingClientRect().x];
		});
		expect(plus).toBeLessThan(last);
	});
});
