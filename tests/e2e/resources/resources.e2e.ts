import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '../fixtures/test';
import { openReady, signInAs, signInWith } from '../fixtures/sign-in';
import { newConfirmedMember } from '../fixtures/people';
import { expectNoAxeViolations } from '../fixtures/axe';
import { msg } from '../fixtures/catalogue';

const en = (key: string, params: Record<string, string> = {}) => msg('en', key, params);

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
	const { scroll, inner } = await page.evaluate(() => ({
		scroll: document.scrollingElement?.scrollWidth ?? 0,
		inner: window.innerWidth
	}));
	expect.soft(scroll, `${where}: page width on a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('a member says what they like, picks three things to try and answers a follow-up', async ({
		page,
		browser
	}) => {
		const person = await newConfirmedMember(page, browser, 'resources');
		await signInWith(page, person.email, person.password);
		await expect(page).not.toHaveURL(/\/signin/);

		await openReady(page, '/network/activities');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('res_title'));
		await expectNoAxeViolations(page, '/network/activities (before interests)');
		await page.getByRole('link', { name: en('res_interests_start') }).click();
		await expect(page).toHaveURL(/\/network\/activities\/interests$/);
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, '/network/activities/interests');
		await expectNoSidewaysScroll(page, 'interests');

		// A distance that is not a number is refused next to the field; what was ticked stays.
		await page.getByLabel(en('res_cat_creative')).check();
		await page.getByLabel(en('res_cat_nature')).check();
		await page.getByLabel(en('res_q_distance')).fill('far');
		await page.getByLabel(en('res_q_area'), { exact: true }).selectOption({ label: 'Nørrebro' });
		await page.getByRole('button', { name: en('res_interests_save') }).click();
		await expect(page.getByText(en('res_err_distance'))).toBeVisible();
		await expect(page.getByLabel(en('res_cat_creative'))).toBeChecked();
		await expect(page.getByLabel(en('res_q_distance'))).toHaveValue('far');

		await page.getByLabel(en('res_q_distance')).fill('10');
		await page.getByRole('button', { name: en('res_interests_save') }).click();
		await expect(page).toHaveURL(/\/network\/activities$/);
		await expect(
			page.getByRole('heading', { name: en('res_list_local'), exact: true })
		).toBeVisible();
		await expect(
			page.getByRole('heading', { name: en('res_list_online'), exact: true })
		).toBeVisible();
		// Local suggestions say how far away they are, and lead to directions.
		await expect(page.getByText(/km away/).first()).toBeVisible();
		await expect(page.getByRole('link', { name: en('res_directions') }).first()).toBeVisible();
		await expectNoAxeViolations(page, '/network/activities (suggestions)');
		await expectNoSidewaysScroll(page, 'suggestions');

		const pick = page.getByRole('button', { name: new RegExp(`^${en('res_pick')}`) });
		for (let n = 1; n <= 3; n++) {
			await pick.first().click();
			await expect(
				page.getByText(en('res_picks_count', { count: String(n), max: '3' }))
			).toBeVisible();
		}
		// Three is the most: no more to pick until one is removed.
		await expect(pick).toHaveCount(0);
		await expect(page.getByText(en('res_picks_full', { count: '3' }))).toBeVisible();

		// A follow-up can be answered before it comes, in one tap.
		await page
			.getByRole('link', { name: en('res_follow_up_early') })
			.first()
			.click();
		await expect(page).toHaveURL(/\/network\/activities\/picks\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('res_follow_up_title'));
		await page.waitForLoadState('networkidle');
		await expectNoAxeViolations(page, '/network/activities/picks/[pickId]');
		await page.getByRole('button', { name: en('res_answer_try_else') }).click();
		await expect(page).toHaveURL(/\/network\/activities\?answered=1/);
		await expect(page.getByText(en('res_answer_thanks'))).toBeVisible();
		// Something else, then: the place is free again.
		await expect(page.getByText(en('res_picks_count', { count: '2', max: '3' }))).toBeVisible();
		await expect(pick.first()).toBeVisible();
	});
});

test('the demo member sees on Today the follow-up that waits for an answer', async ({ page }) => {
	await signInAs(page, 'member');
	await page.goto('/home');
	const card = page.getByRole('region', { name: en('res_today_title') });
	const waiting = card.getByRole('link', { name: /Riverside Drawing Circle/ });
	await expect(waiting).toBeVisible();
	await expect(card.getByText(en('res_today_follow_up_detail'))).toBeVisible();
});

test('a site admin imports a CSV with mistakes, then a good one', async ({ page }) => {
	const tag = randomBytes(3).toString('hex');
	await signInAs(page, 'site_admin');
	await openReady(page, '/admin/resources');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('res_admin_title'));
	await expectNoAxeViolations(page, '/admin/resources');
	await page.getByRole('link', { name: en('res_admin_import') }).click();
	await expect(page).toHaveURL(/\/admin\/resources\/import$/);
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page, '/admin/resources/import');

	const header = 'name,kind,categories,area,latitude,longitude,cost,scope';
	const upload = async (name: string, text: string | Buffer) => {
		await page.getByLabel(en('res_csv_file')).setInputFiles({
			name,
			mimeType: 'text/csv',
			buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text
		});
		await page.getByRole('button', { name: en('res_csv_check') }).click();
	};

	// Not UTF-8 (Latin-1 "ø"): refused next to the field.
	await upload(
		'latin1.csv',
		Buffer.from(`${header}\nN\xf8rre club,group,social,,,,free,local\n`, 'latin1')
	);
	await expect(page.getByText(en('res_csv_err_encoding'))).toBeVisible();

	await upload(
		'mistakes.csv',
		[
			header,
			`Good one ${tag},group,social,Nørrebro,,,free,local`,
			`Far ${tag},group,creative,,95,12.5,free,local`,
			`Nowhere ${tag},group,creative,Atlantis,,,free,local`
		].join('\n')
	);
	const problems = page.getByRole('table');
	await expect(problems.getByRole('row', { name: /3 latitude/ })).toContainText(
		en('res_err_coordinates')
	);
	await expect(problems.getByRole('row', { name: /4 area/ })).toContainText(en('res_err_area'));
	await expect(page.getByRole('button', { name: en('res_csv_confirm') })).toHaveCount(0);
	await expectNoAxeViolations(page, '/admin/resources/import (problems)');

	await upload(
		'good.csv',
		[
			header,
			`Good one ${tag},group,social,Nørrebro,,,free,local`,
			`"Chat, online ${tag}",service,befriending;peer_support,,,,free,online`
		].join('\r\n')
	);
	await expect(page.getByText(en('res_csv_ready', { added: '2', replaced: '0' }))).toBeVisible();
	await page.getByRole('button', { name: en('res_csv_confirm') }).click();
	await expect(page.getByText(en('res_csv_imported', { added: '2', replaced: '0' }))).toBeVisible();

	await page.goto('/admin/resources');
	await page.getByRole('link', { name: `Good one ${tag}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('res_admin_edit'));
	await page.waitForLoadState('networkidle');
	await expectNoAxeViolations(page, '/admin/resources/[resourceId]');
});
