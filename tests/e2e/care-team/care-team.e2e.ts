import { expect, test } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD } from '../fixtures/accounts';
import { expectNoAxeViolations } from '../fixtures/axe';

// The site admin puts the demo professional on the second demo member's care team; the member
// sees her there, with what she can see, and asks for a change; the professional finds the
// member on her caseload, on a phone too.
test('a site admin assigns a professional, the member sees her on their team, she sees the member on her caseload', async ({
	browser
}) => {
	// Three people and three pages checked with axe: more than the default minute on a busy machine.
	test.setTimeout(120_000);
	const adminContext = await browser.newContext();
	const memberContext = await browser.newContext();
	const proContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
	try {
		const admin = await adminContext.newPage();
		await signIn(admin, 'site_admin');
		await admin.goto('/admin/people');
		await admin.getByRole('link', { name: 'Open Sam Member' }).click();
		const care = admin.getByRole('region', { name: 'Care team' });
		await expect(care.getByText('No professional is assigned.')).toBeVisible();

		// Nobody chosen: refused next to the field, nothing assigned.
		await care.getByRole('button', { name: 'Put on the team' }).first().click();
		await expect(care.getByText('Choose someone who holds that role on this site.')).toBeVisible();
		await expect(care.getByText('No professional is assigned.')).toBeVisible();

		await care
			.getByLabel('Professional', { exact: true })
			.selectOption({ label: 'Dr Priya Professional' });
		await care.getByLabel('Role on the team').selectOption({ label: 'Counsellor' });
		await care.getByRole('button', { name: 'Put on the team' }).first().click();
		await expect(admin.getByText('They are on the team now.')).toBeVisible();
		await expect(care.getByText('Counsellor since')).toBeVisible();
		await expect(care.getByRole('table', { name: 'Who supported this person' })).toContainText(
			'Dr Priya Professional'
		);
		await expectNoAxeViolations(admin, 'a member’s admin page with their care team');

		const member = await memberContext.newPage();
		await signInWith(member, 'member2@demo.kith.local', E2E_PASSWORD);
		await expect(member).not.toHaveURL(/\/signin$/);
		await member.goto('/care-team');
		await expect(member.getByRole('heading', { level: 1 })).toHaveText('My care team');
		const priya = member.getByRole('listitem').filter({ hasText: 'Dr Priya Professional' });
		await expect(priya).toContainText('Counsellor');
		await expect(priya).toContainText('Sees a goal only if you share it with them.');
		await expectNoAxeViolations(member, '/care-team');

		await member.getByLabel('About').selectOption({ label: 'Dr Priya Professional' });
		await member
			.getByLabel('What would you like to change? (optional)')
			.fill('Could we meet online?');
		await member.getByRole('button', { name: 'Send my request' }).click();
		await expect(member.getByText('Your request was sent.')).toBeVisible();
		await expect(member.getByText('Waiting for an answer')).toBeVisible();

		const pro = await proContext.newPage();
		await signIn(pro, 'professional');
		await pro.goto('/caseload');
		await expect(pro.getByRole('heading', { level: 1 })).toHaveText('Caseload');
		const sam = pro.getByRole('row').filter({ hasText: 'Sam Member' });
		await expect(sam).toContainText('Counsellor');
		await expect(sam).toContainText('No contact yet');
		// The demo member has her as care coordinator.
		await expect(pro.getByRole('row').filter({ hasText: 'Maya Member' })).toContainText(
			'Care coordinator'
		);
		await pro.getByRole('link', { name: 'Name', exact: true }).click();
		await expect(pro).toHaveURL(/sort=name/);
		await expect(pro.getByRole('rowheader').first()).toHaveText('Maya Member');
		// On a phone the table becomes blocks: nothing makes the page scroll sideways.
		expect(
			await pro.evaluate(
				() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
			)
		).toBe(true);
		await expectNoAxeViolations(pro, '/caseload on a phone');
	} finally {
		await adminContext.close();
		await memberContext.close();
		await proContext.close();
	}
});
