import { expect, test } from '../fixtures/test';
import { expectNoAxeViolations } from '../fixtures/axe';
import {
	confirmEnrolment,
	startEnrolment,
	TOTP_PERIOD,
	totpNow,
	totpStep
} from '../fixtures/enrol';
import { signInAs } from '../fixtures/sign-in';
import { E2E_PASSWORD } from '../fixtures/accounts';

// moderator@other enrols once per server; each project has its own server and database. (The
// access matrix enrols admin@other, so this journey needs an account of its own on that site;
// the staff pages it checks are the moderator's.)
test('staff of a site that requires it enrol a second factor, then sign in with a code', async ({
	page
}) => {
	test.setTimeout(120_000);

	await signInAs(page, 'moderator', 'other');
	await expect(page).toHaveURL(/\/profile\/security/);
	await expect(page.getByText("Your role works with other people's information.")).toBeVisible();

	// Staff pages stay closed until the factor is on.
	await page.goto('/moderation');
	await expect(page).toHaveURL(/\/profile\/security/);

	const key = await startEnrolment(page);
	await expectNoAxeViolations(page, '/profile/security (enrolment)');
	const enrolStep = totpStep();
	await confirmEnrolment(page, key);

	await page.goto('/moderation');
	await expect(page).toHaveURL(/\/moderation$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Moderation');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin\?reason=signed-out/);

	await signInAs(page, 'moderator', 'other');
	await expect(page).toHaveURL(/\/signin\/second-factor/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your code');
	await expectNoAxeViolations(page, '/signin/second-factor');

	// A wrong code is refused next to the field.
	const codeField = page.getByLabel('6-digit code');
	await codeField.fill(totpNow(key) === '000000' ? '111111' : '000000');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(codeField).toHaveAccessibleDescription(/code did not work/);
	await expectNoAxeViolations(page, '/signin/second-factor (wrong code)');

	// A fresh code, not the one used to turn the factor on.
	const wait = (enrolStep + 1) * TOTP_PERIOD * 1000 - Date.now();
	if (wait > 0) await page.waitForTimeout(wait + 250);
	await codeField.fill(totpNow(key));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/home$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Mona Moderator');
	await page.goto('/moderation');
	await expect(page).toHaveURL(/\/moderation$/);

	// A new set of backup codes; one of them signs in when the phone is not at hand.
	await page.goto('/profile/security');
	await page.getByLabel('Your password, to confirm it is you').fill(E2E_PASSWORD);
	await page.getByRole('button', { name: 'Make new backup codes' }).click();
	await expect(page.getByText('Here are your new backup codes.')).toBeVisible();
	const codes = await page.locator('ul.codes code').allTextContents();
	expect(codes.length).toBeGreaterThan(1);
	await expectNoAxeViolations(page, '/profile/security (new backup codes)');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await signInAs(page, 'moderator', 'other');
	await expect(page).toHaveURL(/\/signin\/second-factor/);
	await page.getByText('Lost your phone? Use a backup code').click();
	const backupField = page.getByLabel('Backup code');
	await backupField.fill('not a code');
	await page.getByRole('button', { name: 'Continue' }).nth(1).click();
	await expect(page.getByLabel('Backup code')).toHaveAccessibleDescription(
		/ten letters and digits/
	);
	await page.getByLabel('Backup code').fill(codes[0] ?? '');
	await page.getByRole('button', { name: 'Continue' }).nth(1).click();
	await expect(page).toHaveURL(/\/home$/);
});
