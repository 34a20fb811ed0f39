import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD, SITE_OPENER_EMAIL } from '../fixtures/accounts';
import { confirmEnrolment, startEnrolment } from '../fixtures/enrol';
import { expectNoAxeViolations } from '../fixtures/axe';

// A platform admin opens a site and names its first admin by e-mail. Without a mail server the
// link is shown to hand over. The new admin accepts, enrols the second step staff need, and
// finds on Home what the site lacks: until it lists a crisis contact it admits no member, and
// its crisis page gives the guidance Kith ships instead of an empty list.
test('a new site gets its first admin, and admits members only once it lists crisis help', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const slug = `new-${randomBytes(3).toString('hex')}`;
	const adminEmail = `first-admin-${slug}@new.kith.local`;

	const platform = await (await browser.newContext()).newPage();
	await signInWith(platform, SITE_OPENER_EMAIL, E2E_PASSWORD);
	await expect(platform).toHaveURL(/\/profile\/security/);
	await confirmEnrolment(platform, await startEnrolment(platform));
	await platform.goto('/platform/sites');
	await platform.getByLabel('Short name in links').fill(slug);
	await platform.getByLabel("First site admin's e-mail").fill(adminEmail);
	await platform.getByRole('button', { name: 'Create site' }).click();
	// The name was left empty: refused next to it, the rest kept.
	await expect(platform.getByLabel('Name', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(platform.getByLabel("First site admin's e-mail")).toHaveValue(adminEmail);
	await platform.getByLabel('Name', { exact: true }).fill('New Valley Service');
	await platform.getByRole('button', { name: 'Create site' }).click();
	await expect(
		platform.getByText(
			`Site New Valley Service created. An invitation to run it was sent to ${adminEmail}.`
		)
	).toBeVisible();
	const link = (await platform.locator('code.link').textContent()) ?? '';
	expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
	await expectNoAxeViolations(platform, '/platform/sites (site created)');

	// Nobody can be sent to an empty crisis list: the page gives the shipped guidance.
	await platform.goto(`/crisis/${slug}`);
	await expect(platform.getByRole('heading', { name: 'What you can do right now' })).toBeVisible();
	await expect(
		platform.getByText(/call your local emergency number or go to the nearest/)
	).toBeVisible();
	await expect(
		platform.getByText('contact one of these services now', { exact: false })
	).toHaveCount(0);

	const admin = await (await browser.newContext()).newPage();
	await admin.goto(new URL(link).pathname);
	await admin.getByLabel('Your name').fill('Neema Admin');
	await admin.getByLabel('Choose a password').fill(E2E_PASSWORD);
	await admin.getByRole('button', { name: 'Create account' }).click();
	await expect(admin).toHaveURL(/\/profile\/security/);
	await confirmEnrolment(admin, await startEnrolment(admin));

	await admin.goto('/home');
	const checklist = admin.getByRole('region', { name: 'Before this site admits members' });
	await expect(checklist).toContainText('Add at least one crisis contact, written in English');
	await expectNoAxeViolations(admin, '/home (site not ready)');

	await admin.goto('/admin/people');
	await admin.getByLabel('Email address').fill(`member-${slug}@new.kith.local`);
	await admin.getByLabel('Role').selectOption({ label: 'Member' });
	await admin.getByRole('button', { name: 'Send invitation' }).click();
	await expect(admin.getByLabel('Role')).toHaveAccessibleDescription(/lists no crisis contact yet/);

	await admin.goto('/admin/site');
	await admin.getByLabel('Crisis contacts').fill('Valley helpline | 116 123 | | | 24 hours');
	await admin.getByRole('button', { name: 'Save settings' }).click();
	await expect(admin.getByText('Settings saved.')).toBeVisible();
	await admin.goto('/home');
	await expect(checklist).toHaveCount(0);

	await admin.goto('/admin/people');
	await admin.getByLabel('Email address').fill(`member-${slug}@new.kith.local`);
	await admin.getByLabel('Role').selectOption({ label: 'Member' });
	await admin.getByRole('button', { name: 'Send invitation' }).click();
	await expect(admin.getByText(`Invitation sent to member-${slug}@new.kith.local.`)).toBeVisible();

	await platform.goto(`/crisis/${slug}`);
	await expect(platform.getByRole('link', { name: 'Call 116 123' })).toBeVisible();
	await expect(platform.getByRole('heading', { name: 'What you can do right now' })).toHaveCount(0);
});
