import { expect, test, type Page } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { expectNoAxeViolations } from '../fixtures/axe';

// A member taking the shipped "Recovery skills" course (imported by the demo seed). The journeys
// share the member's enrolment and progress, so they run in order.
test.describe.configure({ mode: 'serial' });

const course = '/courses/recovery-skills';
const firstLesson = `${course}/what-recovery-means`;
const feedback = /Correct\.|Not quite\./;

/** The lesson's opening section heading: the lesson text itself, not the page around it. */
const lessonText = (page: Page) => page.locator('#lesson-text');

test('a member enrols, takes a lesson and sees their progress', async ({ page }) => {
	await signIn(page, 'member');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Courses' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible();
	await expect(
		page.getByText('Sample content — review with your clinical team').first()
	).toBeVisible();

	await page.getByRole('button', { name: 'Enrol in Recovery skills' }).click();
	await expect(page).toHaveURL(new RegExp(`${course}\\?enrolled=1$`));
	await expect(page.getByRole('heading', { level: 1, name: 'Recovery skills' })).toBeVisible();
	await page.getByRole('link', { name: 'Start the first lesson' }).click();

	await expect(page).toHaveURL(new RegExp(`${firstLesson}$`));
	await expect(page.getByRole('heading', { level: 1, name: 'What recovery means' })).toBeVisible();
	// Its place and length, a spaced dot between them.
	await expect(page.getByText(/Lesson 1 of \d+ · \d+ min$/)).toBeVisible();
	await expect(lessonText(page).getByRole('heading', { name: 'What is recovery?' })).toBeVisible();
	// Chromium has speech synthesis, so the button is there.
	await expect(page.getByRole('button', { name: 'Read aloud' })).toBeVisible();

	const check = page.locator('#check-recovery-is-personal');
	await check.getByRole('button', { name: 'Check my answer' }).click();
	await expect(check.getByText('Choose one of the answers.')).toBeVisible();
	await check.getByRole('radio').nth(1).check();
	await check.getByRole('button', { name: 'Check my answer' }).click();
	await expect(check.getByRole('status')).toContainText(feedback);
	await expect(check.getByRole('radio').nth(1)).toBeChecked();

	const reflection = page.locator('#reflection-a-good-week-form');
	const words = 'Cooking with my brother on a Sunday afternoon.';
	await reflection.getByRole('textbox').fill(words);
	await reflection.getByRole('button', { name: 'Save reflection' }).click();
	await expect(reflection.getByRole('status')).toContainText('Your reflection is saved.');

	await expectNoAxeViolations(page, 'lesson with feedback and a saved reflection');

	await page.getByRole('button', { name: 'Mark as done' }).click();
	await expect(page.getByText('You have finished this lesson.')).toBeVisible();

	// Markup in a reflection is kept as text and never runs.
	const hostile = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">';
	const second = page.locator('#reflection-what-recovery-means-to-me-form');
	await second.getByRole('textbox').fill(hostile);
	await second.getByRole('button', { name: 'Save reflection' }).click();
	await expect(second.getByRole('status')).toContainText('Your reflection is saved.');

	// What they wrote is there when they come back.
	await page.reload();
	await expect(reflection.getByRole('textbox')).toHaveValue(words);
	await expect(second.getByRole('textbox')).toHaveValue(hostile);
	expect(await page.evaluate(() => 'hacked' in window)).toBe(false);

	// Printed, the lesson is a handout: text, questions and prompts; no menus, buttons or notes.
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header')).toBeHidden();
	await expect(lessonText(page)).toBeVisible();
	await expect(check.getByRole('group')).toBeVisible();
	await expect(page.getByText('Think of a good day or week')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Read aloud' })).toBeHidden();
	await expect(check.getByRole('button', { name: 'Check my answer' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	await page.goto('/courses');
	// The demo member has begun another course too (the demo seed's Today): this course's card.
	const mine = page
		.getByRole('region', { name: 'Your courses' })
		.getByRole('listitem')
		.filter({ hasText: 'Recovery skills' });
	await expect(mine.getByText(/^1 of \d+ lessons done$/)).toBeVisible();
	await expect(mine.getByRole('link', { name: /^Continue/ })).toHaveAttribute(
		'href',
		`${course}/goals-in-small-steps`
	);
	await expectNoAxeViolations(page, '/courses with an enrolment');
	await page.goto(course);
	await expect(page.getByText('Done').first()).toBeVisible();
	await expectNoAxeViolations(page, `${course} with progress`);
});

test('a lesson once opened can be read again offline, until sign-out', async ({
	page,
	context
}) => {
	await signIn(page, 'member');
	await page.goto(firstLesson);
	// The first page of a visit installs the service worker. Once it is active, the next visit
	// goes through it (whether or not its claim of this page has landed yet: on a busy machine
	// that took over 10 s) and the lesson is kept.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await expect(lessonText(page)).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'What recovery means' })).toBeVisible();
	await expect(lessonText(page).getByRole('heading', { name: 'What is recovery?' })).toBeVisible();
	// The offline copy keeps nothing the person wrote.
	await expect(page.locator('textarea').first()).toHaveValue('');
	await context.setOffline(false);

	await page.goto('/home');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin\?reason=signed-out$/);
	await context.setOffline(true);
	await page.goto(firstLesson);
	await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
	await expect(lessonText(page)).toHaveCount(0);
	await context.setOffline(false);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the knowledge check and "Mark as done" still work', async ({ page }) => {
		await signIn(page, 'member');
		await page.goto(`${course}/goals-in-small-steps`);
		await expect(page.getByRole('button', { name: 'Read aloud' })).toHaveCount(0);

		const check = page.locator('form[id^="check-"]').first();
		await check.getByRole('button', { name: 'Check my answer' }).click();
		await expect(check.getByText('Choose one of the answers.')).toBeVisible();

		await check.getByRole('radio').first().check();
		await check.getByRole('button', { name: 'Check my answer' }).click();
		await expect(check.getByRole('status')).toContainText(feedback);

		await page.getByRole('button', { name: 'Mark as done' }).click();
		await expect(page.getByText('You have finished this lesson.')).toBeVisible();
	});
});

test('on a Hebrew page an English-only lesson reads left to right and names its languages', async ({
	page,
	context
}) => {
	await signIn(page, 'member');
	await context.addCookies([{ name: 'kith_lang', value: 'he', url: page.url() }]);
	await page.goto(`${course}/why-connection-matters`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toHaveAttribute('lang', 'en');
	await expect(title).toHaveAttribute('dir', 'ltr');
	// The notice is in Hebrew and offers the language the lesson exists in, marked as English.
	const notice = page.locator('.notice.warn', { hasText: 'שפות זמינות' });
	await expect(notice.locator('span[lang="en"][dir="ltr"]')).toHaveText('English');
});
