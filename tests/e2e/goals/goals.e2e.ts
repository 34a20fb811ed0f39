import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { expectNoAxeViolations } from '../fixtures/axe';

// A member sets a goal, adds a dated step, ticks it without JavaScript, shares the goal with the
// demo carer and later stops sharing; the carer sees the goal exactly while it is shared.
test('a member shares a goal with their carer, and revoking ends the carer’s view at once', async ({
	browser
}) => {
	const goalText = `Feel at home in my neighbourhood ${randomBytes(3).toString('hex')}`;
	const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

	const memberContext = await browser.newContext();
	const noScriptContext = await browser.newContext({ javaScriptEnabled: false });
	const carerContext = await browser.newContext();
	try {
		const member = await memberContext.newPage();
		await signIn(member, 'member');
		await member.goto('/goals');
		await expect(member.getByRole('heading', { level: 1 })).toHaveText('My goals');

		// An empty goal is refused next to the field; nothing is created.
		await member.getByRole('button', { name: 'Save goal' }).click();
		await expect(member.getByText('Please fill this in.')).toBeVisible();

		await member.getByLabel('My goal').fill(goalText);
		await member.getByRole('button', { name: 'Save goal' }).click();
		await expect(member).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
		const goalUrl = member.url();
		await expect(member.getByRole('heading', { level: 1 })).toHaveText(goalText);

		await member
			.getByLabel('Step', { exact: true })
			.fill('Walk to the library and ask about the reading group');
		await member.getByLabel('Target date').fill(inTwoWeeks);
		await member.getByRole('button', { name: 'Add step' }).click();
		await expect(member.getByText('Step added.')).toBeVisible();
		await expect(member.getByText('0 of 1 steps done')).toBeVisible();

		// Ticking is a plain form post: this page has no JavaScript at all.
		await member
			.getByRole('button', {
				name: 'Mark "Walk to the library and ask about the reading group" done'
			})
			.click();
		await expect(member.getByText('Well done: step marked done.')).toBeVisible();
		await expect(member.getByText('1 of 1 steps done')).toBeVisible();
		await expect(
			member.getByRole('button', {
				name: 'Mark "Walk to the library and ask about the reading group" not done'
			})
		).toHaveAttribute('aria-pressed', 'true');

		// The chart is an image with a text alternative and a table of the same figures.
		await member.goto(goalUrl);
		await expect(member.getByRole('img', { name: /Steps done per week .*1 of 1/ })).toBeVisible();
		await member.getByText('Show the figures as a table').click();
		await expect(
			member.getByRole('table', { name: 'Steps done by the end of each week' })
		).toBeVisible();
		await expectNoAxeViolations(member, 'goal page');

		// Share with the demo carer: a name and a role, never an email address.
		const share = member.getByLabel('Share with');
		await expect(share.locator('option', { hasText: 'Carl Carer' })).toHaveText(
			'Carl Carer (Carer or supporter)'
		);
		await expect(share).not.toContainText('@');
		await share.selectOption({ label: 'Carl Carer (Carer or supporter)' });
		await member.getByRole('button', { name: 'Share', exact: true }).click();
		await expect(member.getByText('Goal shared.')).toBeVisible();

		const carer = await carerContext.newPage();
		await signIn(carer, 'carer');
		await carer.goto('/supporting');
		await expect(carer.getByRole('heading', { level: 1 })).toHaveText('Goals shared with me');
		const card = carer.locator('article', { hasText: goalText });
		await expect(card).toBeVisible();
		await expect(card.getByText('Goal of Maya Member')).toBeVisible();
		await expect(card.getByText('1 of 1 steps done')).toBeVisible();
		await expect(card.getByRole('button')).toHaveCount(0);
		await expectNoAxeViolations(carer, '/supporting');

		await member.goto(goalUrl);
		await member.getByRole('button', { name: 'Stop sharing with Carl Carer' }).click();
		await expect(member.getByText('Sharing stopped.')).toBeVisible();

		await carer.reload();
		await expect(carer.getByRole('heading', { level: 1 })).toHaveText('Goals shared with me');
		await expect(carer.getByText(goalText)).toHaveCount(0);

		await member.goto('/goals');
		await expect(member.getByRole('link', { name: goalText })).toBeVisible();
		await expectNoAxeViolations(member, '/goals');
	} finally {
		await memberContext.close();
		await noScriptContext.close();
		await carerContext.close();
	}
});
