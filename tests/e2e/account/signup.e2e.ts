import { expect, test } from '../fixtures/test';
import { randomBytes } from 'node:crypto';
import { E2E_PASSWORD, emailOf } from '../fixtures/accounts';
import { msg } from '../fixtures/catalogue';
import { readMailedLink } from '../fixtures/mail';
import { fillSignUp, uniqueEmail } from '../fixtures/people';
import { signInWith } from '../fixtures/sign-in';

test.describe('signing up', () => {
	// Plain HTML all the way: signing up, confirming and the welcome work without JavaScript.
	test.use({ javaScriptEnabled: false });

	test('a new person signs up, confirms their email, meets the welcome once, skips it and is greeted by name', async ({
		page,
		browser
	}) => {
		const person = {
			name: `Noor ${randomBytes(3).toString('hex')}`,
			email: uniqueEmail('signup'),
			password: `correct horse ${randomBytes(4).toString('hex')}`
		};
		await fillSignUp(page, person);
		await expect(page).toHaveURL(/\/check-email$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');

		// Before confirming, the password alone does not let them in.
		await signInWith(page, person.email, person.password);
		await expect(page).toHaveURL(/\/signin/);
		await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
			/Confirm your email address first/
		);

		const link = await readMailedLink(browser, person.email, '/verify-email');
		await page.goto(link);
		await expect(page).toHaveURL(/\/signin\?reason=verified/);
		await expect(page.getByText('Your email address is confirmed.')).toBeVisible();

		// The first sign-in opens the welcome: why a group name, who sees the real one, crisis help.
		await signInWith(page, person.email, person.password);
		await expect(page).toHaveURL(/\/welcome$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Welcome to /);
		await expect(page.getByText(msg('en', 'welcome_pseudonym_who'))).toBeVisible();
		await expect(page.getByRole('link', { name: 'See crisis help' })).toHaveAttribute(
			'href',
			'/crisis/demo'
		);
		await expect(page.getByRole('link', { name: 'Read the help pages' })).toBeVisible();
		await page.getByRole('button', { name: 'Skip this for now' }).click();
		await expect(page).toHaveURL(/\/home$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${person.name}`);

		// Skipped is done: the next sign-in goes straight to Today.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await signInWith(page, person.email, person.password);
		await expect(page).toHaveURL(/\/home$/);
	});
});

test.describe('sign-in errors', () => {
	test('a wrong password is explained next to the password field and the email is kept', async ({
		page
	}) => {
		await signInWith(page, emailOf('member'), `${E2E_PASSWORD}-wrong`);
		await expect(page).toHaveURL(/\/signin$/);
		const password = page.getByLabel('Password', { exact: true });
		await expect(password).toHaveAccessibleDescription('The email or password is not right.');
		await expect(password).toHaveAttribute('aria-invalid', 'true');
		await expect(password).toHaveValue('');
		await expect(page.getByLabel('Email', { exact: true })).toHaveValue(emailOf('member'));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	});
});

for (const locale of ['en', 'de'] as const) {
	test.describe(`sign-up errors (${locale})`, () => {
		test.use({ locale: locale === 'en' ? 'en-GB' : 'de-DE' });

		test('bad input is explained next to each field in the person’s language, input kept', async ({
			page
		}) => {
			const name = `Sam ${randomBytes(2).toString('hex')}`;
			await page.goto('/signup/demo');
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const nameField = page.getByLabel(msg(locale, 'signup_name'));
			const emailField = page.getByLabel(msg(locale, 'signup_email'), { exact: true });
			const passwordField = page.getByLabel(msg(locale, 'signup_password'));
			await nameField.fill(name);
			await emailField.fill('not-an-email');
			await passwordField.fill('short');
			await page.getByRole('button', { name: msg(locale, 'signup_submit') }).click();

			await expect(emailField).toHaveAccessibleDescription(msg(locale, 'err_email'));
			await expect(emailField).toHaveAttribute('aria-invalid', 'true');
			await expect(passwordField).toHaveAccessibleDescription(
				`${msg(locale, 'signup_password_hint')} ${msg(locale, 'err_password_short')}`
			);
			await expect(page.getByText(msg(locale, 'err_form'))).toBeVisible();
			await expect(nameField).toHaveValue(name);
			await expect(nameField).not.toHaveAttribute('aria-invalid', 'true');
			await expect(emailField).toHaveValue('not-an-email');
			await expect(passwordField).toHaveValue('');
			expect(await page.content()).not.toContain('value="short"');
			await expect(page).toHaveURL(/\/signup\/demo$/);
		});
	});
}
