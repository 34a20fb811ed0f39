import { expect, test } from '../fixtures/test';
import { openReady, signInAs } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';
import { sidewaysScroll } from '../fixtures/reflow';

// The demo member answers this week's recovery check-in on a phone, one question per screen. The
// connection drops on the third question: the answer stays on screen and is saved once the
// phone is back online, nothing already given is lost. Then the chart shows nine weeks.
test.use({ viewport: { width: 390, height: 844 } });

test('a member completes a check-in on a phone through a dropped connection, then sees the chart', async ({
	page,
	context
}) => {
	await signInAs(page, 'member');
	await openReady(page, '/checkins');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check-ins');
	await expectNoAxeViolations(page, 'check-ins');
	const due = page.locator('.due li', { hasText: 'Weekly recovery check-in' });
	await due.getByRole('link', { name: /Start|Carry on/ }).click();
	await expect(page).toHaveURL(/\/checkins\/[0-9a-f-]{36}/);
	await page.waitForLoadState('networkidle');
	await expect(page.getByText('Question 1 of 5')).toBeVisible();
	await expectNoAxeViolations(page, 'a check-in question');

	const answer = async (number: number, choice: string) => {
		await expect(page.getByText(`Question ${number} of 5`)).toBeVisible();
		await page.getByRole('radio', { name: choice }).check();
		await page.getByRole('button', { name: 'Save and go on' }).click();
	};
	// Sending nothing is refused next to the question.
	await page.getByRole('button', { name: 'Save and go on' }).click();
	await expect(page.getByText('Please choose one of the answers.')).toBeVisible();
	await answer(1, 'Quite a lot');
	await answer(2, 'Somewhat');

	// The connection drops on question 3: the answer waits on screen and is sent on return.
	await expect(page.getByText('Question 3 of 5')).toBeVisible();
	await context.setOffline(true);
	await page.getByRole('radio', { name: 'Very much' }).check();
	await page.getByRole('button', { name: 'Save and go on' }).click();
	await expect(page.getByText('You seem to be offline.', { exact: false })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Very much' })).toBeChecked();
	await context.setOffline(false);
	await expect(page.getByText('Question 4 of 5')).toBeVisible();

	await answer(4, 'Quite a lot');
	await answer(5, 'A little');
	await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
	// The answer given while offline is there.
	await expect(page.locator('.review li').nth(2)).toContainText('Very much');
	await page.getByRole('button', { name: 'Send my answers' }).click();

	await expect(page).toHaveURL(/\/checkins\?done=1/);
	await expect(page.getByText('Thank you. Your answers are saved.')).toBeVisible();
	// Eight seeded weeks and this one: 3 + 2 + 4 + 3 + 1 = 13, "Some good moments".
	await expect(
		page.getByRole('img', { name: /Weekly recovery check-in: 9 results; the latest is 13/ })
	).toBeVisible();
	await page.getByText('Show as a table').click();
	await expect(page.getByRole('cell', { name: 'Some good moments' }).last()).toBeVisible();
	await expectNoAxeViolations(page, 'check-ins with results');
	const { px, culprits } = await sidewaysScroll(page);
	expect.soft(px, `check-ins scroll sideways: ${culprits.join('; ')}`).toBe(0);
});
