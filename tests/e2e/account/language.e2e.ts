import { expect, test, type Page } from '../fixtures/test';
import { msg } from '../fixtures/catalogue';
import { newConfirmedMember } from '../fixtures/people';
import { signInWith } from '../fixtures/sign-in';

/** Chooses a language with the menu in the header, as a person would. */
async function chooseLanguage(page: Page, current: string, locale: string): Promise<void> {
	const picker = page.locator('form[action="/language"]');
	await picker.getByRole('combobox', { name: msg(current, 'language') }).selectOption(locale);
	await picker.getByRole('button', { name: msg(current, 'language_change') }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** The page reads right to left: the brand sits at the right end of the header bar. */
async function expectMirrored(page: Page): Promise<void> {
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const brand = await page
		.locator('header a[href="/"], header a[href="/home"]')
		.first()
		.boundingBox();
	const crisis = await page
		.getByRole('link', { name: msg('he', 'crisis_link') })
		.first()
		.boundingBox();
	const width = page.viewportSize()?.width ?? 0;
	expect(brand && crisis, 'brand and crisis link are laid out').toBeTruthy();
	if (!brand || !crisis) return;
	expect(brand.x, 'brand is right of the crisis link').toBeGreaterThan(crisis.x);
	expect(brand.x + brand.width, 'brand touches the right side').toBeGreaterThan(width * 0.75);
	expect(await page.locator('body').evaluate((b) => getComputedStyle(b).direction)).toBe('rtl');
}

/** Hebrew text, not the English fallback. Soft, so the rest of the journey is still checked. */
async function expectHebrewHeading(page: Page, english: string): Promise<void> {
	const h1 = page.getByRole('heading', { level: 1 });
	await expect.soft(h1, 'the heading is translated into Hebrew').not.toHaveText(english);
	await expect.soft(h1, 'the heading is written in Hebrew script').toHaveText(/[\u0590-\u05FF]/);
}

test('signed out: the language menu switches to Hebrew (right to left) and to Thai', async ({
	page
}) => {
	await page.goto('/signin');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

	await chooseLanguage(page, 'en', 'he');
	await expect(page).toHaveURL(/\/signin$/);
	await expectMirrored(page);
	await expectHebrewHeading(page, msg('en', 'signin_title'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('he', 'signin_title'));

	// The choice is kept for the next page.
	await page.goto('/crisis/demo');
	await expect(page.locator('html')).toHaveAttribute('lang', 'he');

	await chooseLanguage(page, 'he', 'th');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('th', 'crisis_title'));
});

test('signed in: the choice is kept in the profile across sign-out and sign-in', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const person = await newConfirmedMember(page, browser, 'language');
	await signInWith(page, person.email, person.password);
	// A new member's first sign-in opens the welcome; skipped, it leads to Today.
	await expect(page).toHaveURL(/\/welcome$/);
	await page.getByRole('button', { name: msg('en', 'welcome_skip') }).click();
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await chooseLanguage(page, 'en', 'he');
	await expect(page).toHaveURL(/\/home$/);
	await expectMirrored(page);
	await expectHebrewHeading(page, msg('en', 'home_title', { name: person.name }));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		msg('he', 'home_title', { name: person.name })
	);
	await page.getByRole('button', { name: msg('he', 'sign_out') }).click();
	await expect(page).toHaveURL(/\/signin\?reason=signed-out$/);

	// A new browser with no language cookie: the profile brings Hebrew back after signing in.
	const fresh = await browser.newContext();
	try {
		const again = await fresh.newPage();
		await again.goto('/signin');
		await expect(again.locator('html')).toHaveAttribute('lang', 'en');
		await signInWith(again, person.email, person.password);
		await expect(again).toHaveURL(/\/home$/);
		await expect
			.soft(again.locator('html'), 'the profile’s language applies as soon as they are signed in')
			.toHaveAttribute('lang', 'he');
		// The choice is stored: a full page load certainly shows it.
		await again.reload();
		await expect(again.locator('html')).toHaveAttribute('lang', 'he');
		await expectMirrored(again);

		await chooseLanguage(again, 'he', 'th');
		await expect(again.locator('html')).toHaveAttribute('dir', 'ltr');
		await expect(again.getByRole('heading', { level: 1 })).toHaveText(
			msg('th', 'home_title', { name: person.name })
		);
	} finally {
		await fresh.close();
	}
});
