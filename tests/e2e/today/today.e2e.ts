import { expect, test } from '../fixtures/test';
import { signInAs } from '../fixtures/sign-in';
import { sidewaysScroll } from '../fixtures/reflow';
import { msg } from '../fixtures/catalogue';

// The demo member's Today (seeded: the demo group's next session, a course begun, a goal step due
// this week) on a phone, in Hebrew, with JavaScript off: everything is rendered by the server.
test.describe('without JavaScript, on a phone, in Hebrew', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

	test("a member's Today shows their next session and the lesson to continue", async ({
		page,
		context,
		baseURL
	}) => {
		await context.addCookies([
			{ name: 'kith_lang', value: 'he', url: baseURL ?? 'http://localhost:3100' }
		]);
		await signInAs(page, 'member');
		await page.goto('/home');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

		// Crisis help first, in one tap.
		const crisis = page.getByRole('region', { name: msg('he', 'today_crisis_title') });
		await expect(crisis.locator('a[href^="tel:"]').first()).toBeVisible();

		const sessions = page.getByRole('region', { name: msg('he', 'today_groups_title') });
		await expect(sessions.locator('a[href^="/groups/"]').first()).toBeVisible();

		// The course begun most recently: the demo seed's, or the one the lesson journey takes.
		const lessons = page.getByRole('region', { name: msg('he', 'today_courses_title') });
		const lesson = lessons.locator('a[href^="/courses/"]');
		await expect(lesson).toBeVisible();

		const steps = page.getByRole('region', { name: msg('he', 'today_goals_title') });
		await expect(steps.getByText('Go for a coffee with a friend')).toBeVisible();

		const { px, culprits } = await sidewaysScroll(page);
		expect.soft(px, `Today scrolls sideways: ${culprits.join('; ')}`).toBe(0);
		// axe needs JavaScript: the same page is checked in Hebrew and at 390 px in a11y/axe.e2e.ts.

		// The lesson opens from Today.
		await lesson.click();
		await expect(page).toHaveURL(/\/courses\/[a-z-]+\/[a-z-]+$/);
	});
});
