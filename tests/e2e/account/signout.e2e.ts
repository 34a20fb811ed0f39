import { expect, test, type Page } from '../fixtures/test';
import { signInAs } from '../fixtures/sign-in';

async function signOutAndCheck(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin\?reason=signed-out$/);
	await expect(page.getByText('You have signed out.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

	// The session is gone: home sends the person to sign in again.
	await page.goto('/home');
	await expect(page).toHaveURL(/\/signin\?next=%2Fhome$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
}

test('signing out with the header button ends the session', async ({ page }) => {
	await signInAs(page, 'member');
	await expect(page).toHaveURL(/\/home$/);
	await signOutAndCheck(page);
	// Going back in history shows nothing private either.
	await page.goBack();
	await page.reload();
	await expect(page).toHaveURL(/\/signin/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('sign in, reach home and sign out', async ({ page }) => {
		await signInAs(page, 'carer');
		await expect(page).toHaveURL(/\/home$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Carl Carer');
		await signOutAndCheck(page);
	});
});
