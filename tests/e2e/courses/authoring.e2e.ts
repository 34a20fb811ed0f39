import { expect, test, type Page } from '../fixtures/test';
import { msg } from '../fixtures/catalogue';
import { signIn } from '../fixtures/session';
import { newConfirmedMember } from '../fixtures/people';
import { signInWith } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';

// An editor translates a lesson of the shipped "Recovery skills" course into Danish and
// publishes it; a member reading in Danish then gets it.
const danish = `---
title: Derfor betyder fællesskab noget
minutes: 5
checks:
  - key: kinds-of-support
    question: Din ven kører dig til en aftale. Hvilken slags støtte er det?
    options:
      - text: Følelsesmæssig støtte.
      - text: Praktisk støtte i hverdagen.
        correct: true
  - key: support-network-size
    question: Hvilken sætning om støtte passer bedst?
    options:
      - text: Du skal have mange venner for at føle dig støttet.
      - text: Nogle få gode forbindelser kan gøre en stor forskel.
        correct: true
reflections:
  - key: who-is-in-my-life
    prompt: Hvem gør dit liv bedre lige nu?
  - key: support-i-miss
    prompt: Hvilken støtte savner du mere af?
---

## Hvorfor fællesskab?

Mennesker omkring os kan hjælpe os gennem svære tider.
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
	await page.getByRole('link', { name: /^Why connection matters in Dansk: missing$/ }).click();
	await expect(page).toHaveURL(
		/\/admin\/courses\/recovery-skills\/why-connection-matters\?lang=da$/
	);
	await expect(page.getByText(/translate this/)).toBeVisible();
	await expectNoAxeViolations(page, 'lesson editor');

	const source = page.getByRole('textbox', { name: 'Lesson text (front matter and Markdown)' });
	await source.fill(danish);
	const preview = page.locator('section[aria-labelledby="preview-heading"]');
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(preview.getByRole('heading', { name: 'Hvorfor fællesskab?' })).toBeVisible();

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
		await reader.goto('/courses/recovery-skills/why-connection-matters');
		await chooseLanguage(reader, 'en', 'da');
		await expect(
			reader.getByRole('heading', { level: 1, name: 'Derfor betyder fællesskab noget' })
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
