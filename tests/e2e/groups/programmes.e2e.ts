import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '../fixtures/test';
import { msg } from '../fixtures/catalogue';
import { signIn } from '../fixtures/session';
import { expectNoAxeViolations } from '../fixtures/axe';

// A site admin makes a new programme from the shipped ten-session course, retitles its Danish
// text, saves a draft, publishes it, and the programme list shows Danish published. Each
// test makes its own programme, so the demo group's programme stays as the seed left it.
const en = (key: string, params: Record<string, string> = {}) => msg('en', key, params);
const slugOf = (name: string) => `${name}-${randomBytes(3).toString('hex')}`;

async function createFromTemplate(page: Page, template: string, slug: string): Promise<void> {
	await page.goto('/admin/programmes');
	const form = page.locator('section[aria-labelledby="new-programme"]');
	await form.getByLabel(en('programme_template')).selectOption({ label: template });
	await form.getByLabel(en('programme_slug')).fill(slug);
	await form.getByRole('button', { name: en('programme_create') }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/programmes/${slug}\\?lang=en&created=1$`));
	await expect(page.getByText(en('programme_created'))).toBeVisible();
}

test('a site admin makes a programme from a template, publishes it in Danish, and the list shows it', async ({
	page
}) => {
	const slug = slugOf('paths-da');
	await signIn(page, 'site_admin');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: en('nav_admin_programmes') })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: en('programme_title') })).toBeVisible();
	await expectNoAxeViolations(page, 'programme list');

	await createFromTemplate(page, 'Paths to everyday life (paths-to-everyday-life)', slug);
	await expectNoAxeViolations(page, 'programme editor, new programme');
	await page
		.getByRole('navigation', { name: en('content_languages') })
		.getByRole('link', { name: 'Dansk' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/admin/programmes/${slug}\\?lang=da$`));

	// The template's Danish text is the new programme's first draft; the admin retitles it, a
	// mistake first, shown with its line, text kept.
	const source = page.getByRole('textbox', { name: en('programme_source_label') });
	await expect(source).toHaveValue(/^title: Veje til hverdagslivet$/m);
	const template = await source.inputValue();
	const danish = template
		.replace(/^title: .*$/m, 'title: Veje til hverdagen')
		.replace(/^summary: >-\n( {2}.*\n)+/m, 'summary: Et forløb på ti uger, ledet af to peers.\n');
	await source.fill(danish.replace('summary:', 'sumary:'));
	await page.getByRole('button', { name: en('content_preview'), exact: true }).click();
	const issues = page.locator('#content-issues');
	await expect(issues).toContainText(en('programme_issues', { count: '2' }));
	await expect(issues).toContainText('Line 3:');
	await expect(issues.locator('code', { hasText: 'sumary' })).toBeVisible();
	await expect(source).toHaveValue(danish.replace('summary:', 'sumary:'));
	await expect(source).toHaveAttribute('aria-invalid', 'true');

	await source.fill(danish);
	const preview = page.locator('section[aria-labelledby="preview-heading"]');
	await expect(preview.getByText('Veje til hverdagen')).toBeVisible();
	await expect(
		preview.getByText(en('programme_session_theme', { number: '1', theme: '' }).trim())
	).toBeVisible();
	await expect(issues).toHaveCount(0);

	await page.getByRole('button', { name: en('content_save_draft') }).click();
	await expect(page.getByText(en('programme_draft_saved'))).toBeVisible();
	await page.getByRole('button', { name: en('content_publish') }).click();
	await expect(page.getByText(en('programme_published_note'))).toBeVisible();
	const history = page.locator('section[aria-labelledby="versions-heading"]');
	// The template's draft, the draft saved, the version published; and the heading row.
	await expect(history.getByRole('row')).toHaveCount(4);
	await expect(history.getByRole('cell', { name: en('content_state_published') })).toBeVisible();
	await expectNoAxeViolations(page, 'programme editor after publishing');

	// An older version can be read again.
	await history.getByRole('link', { name: en('content_view_version', { version: '1' }) }).click();
	await expect(
		page.getByRole('heading', { name: en('content_view_version', { version: '1' }) })
	).toBeVisible();

	await page
		.getByRole('link', { name: en('programme_title') })
		.first()
		.click();
	const table = page.getByRole('table', { name: en('programme_gaps_caption') });
	const state = (language: string, key: string) =>
		table.getByRole('link', {
			name: en('content_edit_in', { lesson: 'Veje til hverdagen', language, state: en(key) }),
			exact: true
		});
	await expect(state('Dansk', 'content_state_published')).toBeVisible();
	await expect(state('English', 'content_state_draft')).toBeVisible();
	await expect(state('עברית', 'content_state_draft')).toBeVisible();
	await expect(table.getByText(slug)).toBeVisible();
});

test('the editor refuses a language the site does not offer', async ({ page }) => {
	await signIn(page, 'site_admin');
	await page.goto('/admin/programmes/peer-circle?lang=ar');
	await expect(page.getByRole('alert')).toContainText(en('err_lesson_locale_not_offered'));
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('creating, previewing and saving a draft still work', async ({ page }) => {
		const slug = slugOf('circle');
		await signIn(page, 'site_admin');
		await createFromTemplate(page, 'Peer circle (peer-circle)', slug);
		const source = page.getByRole('textbox', { name: en('programme_source_label') });
		const text = (await source.inputValue()).replace(/^title: .*$/m, 'title: Tuesday circle');
		await source.fill(text);
		await page.getByRole('button', { name: en('content_preview'), exact: true }).click();
		const preview = page.locator('section[aria-labelledby="preview-heading"]');
		await expect(preview.getByText('Tuesday circle')).toBeVisible();
		await expect(preview.getByText(en('programme_no_sessions'))).toBeVisible();
		await expect(source).toHaveValue(text);
		await page.getByRole('button', { name: en('content_save_draft') }).click();
		await expect(page.getByText(en('programme_draft_saved'))).toBeVisible();

		// A short name already taken is refused next to the field, the input kept.
		await page.goto('/admin/programmes');
		const form = page.locator('section[aria-labelledby="new-programme"]');
		await form.getByLabel(en('programme_slug')).fill(slug);
		await form.getByRole('button', { name: en('programme_create') }).click();
		await expect(form.getByText(en('programme_err_slug_taken'))).toBeVisible();
		await expect(form.getByLabel(en('programme_slug'))).toHaveValue(slug);
	});
});
