import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { signInWith } from '../fixtures/sign-in';
import { newConfirmedMember } from '../fixtures/people';
import { expectNoAxeViolations } from '../fixtures/axe';

/** A local date-time on the demo site's clock about two hours ahead, clear of the demo group's 18:00–19:35. */
function soonButClear(): string {
	const local = (d: Date) =>
		new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Europe/Copenhagen',
			dateStyle: 'short',
			timeStyle: 'short'
		})
			.format(d)
			.replace(' ', 'T');
	let at = new Date(Date.now() + 2 * 3600_000);
	for (;;) {
		const hhmm = local(at).slice(11);
		if (hhmm <= '17:40' || hhmm >= '19:35') return local(at);
		at = new Date(at.getTime() + 15 * 60_000);
	}
}

/** A fresh member, signed in, who has joined the group and accepted its agreement. */
async function memberOf(browser: Browser, groupUrl: string, label: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	const person = await newConfirmedMember(page, browser, label);
	await signInWith(page, person.email, person.password);
	await page.goto(groupUrl);
	await page.getByRole('button', { name: 'Join the group' }).click();
	await page.getByRole('button', { name: 'I have read the agreement and accept it' }).click();
	await expect(page.getByText('Thank you. You can now take part in the group.')).toBeVisible();
	return page;
}

// Two fresh members join a new group; one turns group reminders to email only. When the first
// session is scheduled, the other finds its reminder in the notification centre (and the count in
// the navigation), opens it, lands on the group, and the count is gone; the email-only member gets
// nothing in the app. A wrong quiet-hours setting is refused on its field.
test('a reminder is read from the notification centre; email-only stops in-app reminders', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const name = `Notify group ${randomBytes(3).toString('hex')}`;
	const peer = await (await browser.newContext()).newPage();
	await signIn(peer, 'peer_worker');
	await peer.goto('/groups/new');
	await peer.getByLabel('Programme').selectOption({ label: 'Paths to everyday life' });
	await peer.getByLabel('Group name').fill(name);
	await peer.getByLabel('Second peer facilitator').selectOption({ label: 'Paula Peer' });
	await peer.getByRole('button', { name: 'Open the group' }).click();
	await expect(peer).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
	const groupUrl = peer.url();

	const reader = await memberOf(browser, groupUrl, 'notified');
	const emailOnly = await memberOf(browser, groupUrl, 'email-only');
	await emailOnly.goto('/notifications');
	await expect(emailOnly.getByText('You have no notifications.')).toBeVisible();
	// Quiet hours that start and end together are refused, input kept, nothing saved.
	await emailOnly.getByLabel('Group session reminders').selectOption({ label: 'By email' });
	await emailOnly.getByLabel('Start', { exact: true }).fill('22:00');
	await emailOnly.getByLabel('End', { exact: true }).fill('22:00');
	await emailOnly.getByRole('button', { name: 'Save' }).click();
	await expect(emailOnly.getByText('The start and end must be different times.')).toBeVisible();
	await expect(emailOnly.getByLabel('Start', { exact: true })).toHaveValue('22:00');
	await expectNoAxeViolations(emailOnly, 'notification preferences refused');
	// Wrapping past midnight is fine.
	await emailOnly.getByLabel('End', { exact: true }).fill('07:00');
	await emailOnly.getByRole('button', { name: 'Save' }).click();
	await expect(emailOnly.getByText('Saved.')).toBeVisible();

	await peer.goto(groupUrl);
	await peer.getByLabel('First session (local time)').fill(soonButClear());
	await peer.getByLabel('How many sessions').fill('1');
	await peer.getByLabel('Length in minutes').fill('15');
	await peer.getByRole('button', { name: 'Schedule', exact: true }).click();
	await expect(peer.getByText('Sessions scheduled.')).toBeVisible();

	// The scheduler runs the reminder round every few seconds in these journeys.
	const link = reader.getByRole('link', { name: 'Notifications, unread: 1' });
	await expect(async () => {
		await reader.goto('/home');
		await expect(link).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
	await link.click();
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Notifications');
	await expect(reader.getByText('Unread: 1')).toBeVisible();
	await expectNoAxeViolations(reader, 'notification centre with a new reminder');
	await reader.getByRole('link', { name: new RegExp(`Your group ${name} meets`) }).click();
	await expect(reader).toHaveURL(groupUrl);
	await expect(reader.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

	// The round that reminded the reader has run for the email-only member too: nothing in the app.
	await emailOnly.goto('/notifications');
	await expect(emailOnly.getByText('You have no notifications.')).toBeVisible();
	for (const page of [peer, reader, emailOnly]) await page.context().close();
});
