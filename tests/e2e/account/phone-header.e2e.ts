import { expect, test, type Page } from '../fixtures/test';
import { msg } from '../fixtures/catalogue';
import { signInAs } from '../fixtures/sign-in';

// A person on a phone set to Hebrew, with JavaScript off: the first screen shows the page, crisis
// help is always in sight, the menu opens from one button, and signing in keeps their language.
test.use({
	viewport: { width: 390, height: 844 },
	javaScriptEnabled: false,
	locale: 'he-IL'
});

/** The page's own heading starts in the upper part of the first screen, under a compact header. */
async function expectHeadingFirst(page: Page, where: string): Promise<void> {
	const box = await page.getByRole('heading', { level: 1 }).boundingBox();
	expect(box, `${where}: the heading is laid out`).toBeTruthy();
	expect(box?.y ?? Infinity, `${where}: the heading starts near the top`).toBeLessThan(200);
}

test('on a phone in Hebrew without JavaScript: the page comes first, the menu is one button', async ({
	page
}) => {
	const he = (key: string, params?: Record<string, string>) => msg('he', key, params);
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'he');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(he('landing_title'));
	await expectHeadingFirst(page, '/ (visitor)');
	await expect(page.getByRole('link', { name: he('crisis_link') })).toBeInViewport();
	await expect(page.getByRole('note')).toContainText(he('shell_demo_banner'));
	// What the second factor waiver covers is said on wider screens (below).
	await expect(page.getByText(he('shell_demo_banner_staff'))).toBeHidden();

	// Signing in keeps Hebrew: the member's profile has no language of its own.
	await signInAs(page, 'member');
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'he');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		he('home_title', { name: 'Maya Member' })
	);
	await expectHeadingFirst(page, '/home (member)');
	await expect(page.getByRole('link', { name: he('crisis_link') })).toBeInViewport();
	// The demo member has a safety plan: it is one tap away too, beside crisis help, on the bar.
	await expect(
		page.locator('header').getByRole('link', { name: he('plan_shell_link') })
	).toBeInViewport();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// The menu is folded behind one button; opened, it shows what a member really has.
	const menu = page.getByRole('navigation', { name: he('nav_label') });
	await expect(menu).toBeHidden();
	await page.getByText(he('nav_menu'), { exact: true }).click();
	await expect(menu).toBeVisible();
	// Notifications may carry a count of unread ones after the name.
	await expect(menu.getByRole('link')).toHaveText([
		he('nav_home'),
		new RegExp(`^${he('notif_nav')}`),
		...[
			'nav_courses',
			'nav_goals',
			'nav_groups',
			'nav_network',
			'nav_checkins',
			'nav_plans',
			'nav_companionship',
			'care_nav'
		].map((k) => he(k))
	]);
	await expect(page.getByRole('button', { name: he('sign_out') })).toBeVisible();

	await menu.getByRole('link', { name: he('nav_groups') }).click();
	await expect(page).toHaveURL(/\/groups$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(he('groups_title'));
	await expectHeadingFirst(page, '/groups (member)');
	await expect(menu).toBeHidden();

	// The profile says what "no choice" means: the language in use now.
	await page.goto('/profile');
	await expect(page.getByRole('combobox', { name: he('profile_language') })).toContainText(
		he('shell_profile_language_unchosen', { language: 'עברית' })
	);

	// On a wide screen the whole menu is in sight, with no button.
	await page.setViewportSize({ width: 1280, height: 800 });
	await expect(menu).toBeVisible();
	await expect(page.getByText(he('nav_menu'), { exact: true })).toBeHidden();
	// The demo site waives the second factor for its staff, not for the platform admin, and says so.
	await expect(page.getByText(he('shell_demo_banner_staff'))).toBeVisible();
});
