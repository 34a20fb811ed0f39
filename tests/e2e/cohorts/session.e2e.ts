import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { expectNoAxeViolations } from '../fixtures/axe';

// The demo professional opens a group of "Recovery skills", adds Sam (the second demo
// member, so Maya's own course journey starts unenrolled), schedules a session, runs
// it with the IMR structure and sees the fidelity figures the record yields.
test('a facilitator runs a cohort session and sees the fidelity figures', async ({ page }) => {
	const name = `Thursday group ${randomBytes(3).toString('hex')}`;
	await signIn(page, 'professional');
	await page.goto('/cohorts');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Course groups');
	await page.getByLabel('Course', { exact: true }).selectOption({ label: 'Recovery skills' });
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Open group' }).click();
	await expect(page).toHaveURL(/\/cohorts\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	const cohortUrl = page.url();

	await page.getByLabel('Member', { exact: true }).selectOption({ label: 'Sam Member' });
	await page.getByRole('button', { name: 'Add participant' }).click();
	await expect(page.getByText('Participant added.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: 'Sam Member' })).toBeVisible();

	await page.getByLabel('First session (local time)').fill('2030-01-10T18:00');
	await page.getByRole('button', { name: 'Schedule' }).click();
	await expect(page.getByText('Sessions scheduled.')).toBeVisible();
	await expectNoAxeViolations(page, 'cohort page');

	await page.getByRole('link', { name: /2030/ }).click();
	await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 2, name: '1. Review' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '2. Content' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '3. Next step' })).toBeVisible();
	const maya = page.getByRole('group', { name: 'Sam Member' });
	await maya.getByLabel('Present').check();
	await maya.getByLabel('Goals reviewed').check();
	await page.getByLabel('Module covered').selectOption({ index: 1 });
	await page.getByLabel('Handouts given').check();
	await page.getByLabel('Next home assignment for Sam Member').fill('Write down one goal');
	await page.getByLabel('Session note').fill('A calm first session.');
	await page.getByRole('button', { name: 'Save session' }).click();
	await expect(page.getByText('Session saved.')).toBeVisible();
	await expect(page.getByLabel('Next home assignment for Sam Member')).toHaveValue(
		'Write down one goal'
	);
	await expect(page.getByLabel('Session note')).toHaveValue('A calm first session.');
	await expectNoAxeViolations(page, 'session page');

	await page.goto(cohortUrl);
	await expect(page.getByText('Held', { exact: false }).first()).toBeVisible();
	const fidelity = page.locator('dl.fidelity');
	await expect(fidelity.getByText('1 in the group')).toBeVisible();
	await expect(fidelity.getByText(/^Curriculum covered$/)).toBeVisible();
	await expect(fidelity.locator('dd').nth(2)).toContainText('1 of 11');
	await expect(fidelity.locator('dd').nth(3)).toContainText('1 of 1 — Meets');
	await expect(fidelity.locator('dd').nth(5)).toContainText('1 of 1 — Meets');
});
