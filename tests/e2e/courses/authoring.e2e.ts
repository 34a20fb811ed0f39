import { expect, test, type Page } from '../fixtures/test';
import { msg } from '../fixtures/catalogue';
import { signIn } from '../fixtures/session';
import { newConfirmedMember } from '../fixtures/people';
import { signInWith } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';

// An editor translates a lesson of the shipped "Recovery skills" course into Danish and
// publishes it; a member reading in Danish then gets it.
const danish = `---
title: Hvad bedring betyder
minutes: 5
checks:
  - key: recovery-is-personal
    question: Hvilken sætning passer bedst til personlig bedring?
    options:
      - text: Bedring er den samme for alle.
      - text: Bedring er et liv, der betyder noget for dig, også med symptomer.
        correct: true
  - key: setbacks-in-recovery
    question: Hvad betyder et tilbageslag oftest?
    options:
      - text: At alt er tabt.
      - text: At tilbageslag er en normal del af bedring.
        correct: true
reflections:
  - key: a-good-week
    prompt: Hvordan ser en god uge ud for dig?
  - key: what-recovery-means-to-me
    prompt: Hvad betyder bedring for dig?
---

## Hvad er bedring?

Bedring handler om at bygge et liv, der føles værd at leve, for dig.
`;

async function chooseLanguage(page: Page, current: string, locale: string): Promise<void> {
	const picker = page.locator('form[action="/language"]');
	await picker.getByRole('combobox', { name: msg(current, 'language') }).selectOption(locale);
	await picker.getByRole('button', { name: msg(current, 'language_change') }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test('an editor publishes a Danish lesson and a member reads it in Danish', async ({
	page,
	browser
}) => {
	await signIn(page, 'site_admin');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Course content' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Course content' })).toBeVisible();
	await page.getByRole('link', { name: /^What recovery means in Dansk: missing$/ }).click();
	await expect(page).toHaveURL(/\/admin\/courses\/recovery-skills\/what-recovery-means\?lang=da$/);
	await expect(page.getByText(/translate this/)).toBeVisible();
	await expectNoAxeViolations(page, 'lesson editor');

	const source = page.getByRole('textbox', { name: 'Lesson text (front matter and Markdown)' });
	await source.fill(danish);
	const preview = page.locator('section[aria-labelledby="preview-heading"]');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(preview.getByRole('heading', { name: 'Hvad er bedring?' })).toBeVisible();

	await page.getByRole('button', { name: 'Publish' }).click();
	await expect(page.getByText('Published. Members now see this version.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'published' }).first()).toBeVisible();
	await expectNoAxeViolations(page, 'lesson editor after publishing');
	// On a phone (390 px wide) the editor, its preview and its history fit: no sideways scroll.
	const wide = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	expect(
		await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0)
	).toBeLessThanOrEqual(390);
	if (wide) await page.setViewportSize(wide);

	// A member of their own: choosing Danish changes the person's profile, and other journeys
	// read as the seeded members in English at the same time.
	const context = await browser.newContext();
	const reader = await context.newPage();
	try {
		const person = await newConfirmedMember(reader, browser, 'reader');
		await signInWith(reader, person.email, person.password);
		await reader.goto('/courses/recovery-skills/what-recovery-means');
		await chooseLanguage(reader, 'en', 'da');
		await expect(
			reader.getByRole('heading', { level: 1, name: 'Hvad bedring betyder' })
		).toBeVisible();
	} finally {
		await context.close();
	}
});

test('the editor refuses a language the site does not offer', async ({ page }) => {
	await signIn(page, 'site_admin');
	await page.goto('/admin/courses/recovery-skills/what-recovery-means?lang=ar');
	await expect(page.getByRole('alert')).toContainText('This site does not offer that language');
});
