import { randomBytes, randomInt } from 'node:crypto';
import { expect, test, type Page } from '../fixtures/test';
import { signIn } from '../fixtures/session';
import { signInWith } from '../fixtures/sign-in';
import { newConfirmedMember } from '../fixtures/people';
import { expectNoAxeViolations } from '../fixtures/axe';

/** The demo peer worker opens a PEER group with the second demo peer; answers its address. */
async function openGroupAs(peer: Page, name: string): Promise<string> {
	await peer.goto('/groups/new');
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText('Open a group');
	await peer.getByLabel('Programme').selectOption({ label: 'Paths to everyday life' });
	await peer.getByLabel('Group name').fill(name);
	await expect(peer.getByLabel('First peer facilitator')).toHaveValue(/.+/);
	await peer.getByLabel('Second peer facilitator').selectOption({ label: 'Paula Peer' });
	await peer.getByRole('button', { name: 'Open the group' }).click();
	await expect(peer).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText(name);
	return peer.url();
}

// The demo peer worker opens a group of the PEER course with the second demo peer, schedules its
// first sessions (and is stopped from double-booking himself); the demo member finds the group,
// joins, accepts the group agreement and downloads the calendar.
test('a peer opens a PEER group, a member joins, accepts the agreement and gets the calendar', async ({
	browser
}) => {
	const name = `Paths group ${randomBytes(3).toString('hex')}`;
	// A day of its own in the 2030s, so runs against one server never clash with each other.
	const day = new Date(Date.UTC(2030, 0, 1) + randomInt(0, 3000) * 86_400_000)
		.toISOString()
		.slice(0, 10);
	const peer = await (await browser.newContext()).newPage();
	await signIn(peer, 'peer_worker');
	await peer.goto('/groups');
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText('Peer groups');
	await expect(peer.getByRole('link', { name: 'Open a new group' })).toBeVisible();
	const groupUrl = await openGroupAs(peer, name);

	await peer.getByLabel('First session (local time)').fill(`${day}T18:00`);
	await peer.getByLabel('How many sessions').fill('3');
	await peer.getByRole('button', { name: 'Schedule', exact: true }).click();
	await expect(peer.getByText('Sessions scheduled.')).toBeVisible();
	const sessions = peer.getByRole('region', { name: 'Sessions' }).getByRole('listitem');
	await expect(sessions).toHaveCount(3);
	await expect(sessions.first()).toContainText('Getting started and making our group agreement');

	// Half an hour later the same evening clashes with the first session.
	await peer.getByLabel('First session (local time)').fill(`${day}T18:30`);
	await peer.getByLabel('How many sessions').fill('1');
	await peer.getByRole('button', { name: 'Schedule', exact: true }).click();
	await expect(peer.getByText(`This clashes with a session you lead in ${name}`)).toBeVisible();
	await expect(peer.getByLabel('First session (local time)')).toHaveValue(`${day}T18:30`);
	await expectNoAxeViolations(peer, 'group overview (facilitator)');

	await sessions.first().getByRole('link', { name: 'Guide and record' }).click();
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText(
		'1. Getting started and making our group agreement'
	);
	await expect(peer.getByRole('heading', { name: 'Facilitator guide' })).toBeVisible();
	await expectNoAxeViolations(peer, 'group session page');

	const member = await (await browser.newContext()).newPage();
	await signIn(member, 'member');
	await member.goto('/groups');
	await member.getByRole('link', { name }).click();
	await expect(member).toHaveURL(groupUrl);
	await expect(member.getByText('Places left: 10')).toBeVisible();
	await member.getByRole('button', { name: 'Join the group' }).click();
	await expect(member.getByText('Welcome to the group.')).toBeVisible();
	await expect(member.getByRole('heading', { name: 'Group agreement' })).toBeVisible();
	await expect(member.getByText('What is shared here stays here.')).toBeVisible();
	await expectNoAxeViolations(member, 'group overview (member, agreement)');
	await member.getByRole('button', { name: 'I have read the agreement and accept it' }).click();
	await expect(member.getByText('Thank you. You can now take part in the group.')).toBeVisible();
	await expect(member.getByRole('link', { name: 'Group board' })).toBeVisible();

	const calendar = member.getByRole('link', { name: 'Add the sessions to your calendar (.ics)' });
	const href = await calendar.getAttribute('href');
	expect(href).toMatch(/\/calendar\.ics\?token=/);
	const download = member.waitForEvent('download');
	await calendar.click();
	expect((await download).suggestedFilename()).toMatch(/\.ics$/);
	const feed = await member.request.get(href ?? '');
	expect(feed.headers()['content-type']).toContain('text/calendar');
	const body = await feed.text();
	expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
	// 18:00 in Copenhagen is 17:00 or 16:00 UTC, by the season.
	expect(body).toMatch(new RegExp(`DTSTART:${day.replaceAll('-', '')}T1[67]0000Z`));
	// Without the token the feed does not exist.
	const guess = await member.request.get(`${groupUrl}/calendar.ics?token=${'x'.repeat(32)}`);
	expect(guess.status()).toBe(404);

	await peer.goto(groupUrl);
	await expect(peer.getByRole('region', { name: 'People' }).getByText('Sunflower')).toBeVisible();
	await expectNoAxeViolations(peer, 'group overview with a member');
	await peer.context().close();
	await member.context().close();
});

/**
 * A local date-time in the demo site's zone, as the schedule form takes it, from about two hours
 * ahead: within the next day (so its reminder is due) yet clear of the sessions the demo peers
 * already lead — the demo room's (until 90 minutes after the server started) and the demo
 * group's, 18:00 to 19:30 each week.
 */
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

// A fresh member joins a new group of the demo peer and sees the in-app reminder of its first
// session, which they mark read; from a browser without JavaScript they replace their calendar
// address (the old one answers 404). The peer closes the group — refused until a reason is
// chosen and the closing confirmed. The member keeps the board to read but can no longer post:
// even a reply sent from a page opened before the closing is refused with the reason.
test('a member reads a reminder and replaces the calendar address; a facilitator closes the group and the member can only read', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const name = `Closing group ${randomBytes(3).toString('hex')}`;
	const peer = await (await browser.newContext()).newPage();
	await signIn(peer, 'peer_worker');
	const groupUrl = await openGroupAs(peer, name);

	const memberContext = await browser.newContext();
	const member = await memberContext.newPage();
	const person = await newConfirmedMember(member, browser, 'closing');
	await signInWith(member, person.email, person.password);
	await expect(member).not.toHaveURL(/\/signin/);
	await member.goto(groupUrl);
	await member.getByRole('button', { name: 'Join the group' }).click();
	await expect(member.getByText('Welcome to the group.')).toBeVisible();
	await member.getByRole('button', { name: 'I have read the agreement and accept it' }).click();
	await expect(member.getByText('Thank you. You can now take part in the group.')).toBeVisible();

	await peer.goto(groupUrl);
	await peer.getByLabel('First session (local time)').fill(soonButClear());
	await peer.getByLabel('How many sessions').fill('2');
	await peer.getByLabel('Length in minutes').fill('15');
	await peer.getByRole('button', { name: 'Schedule', exact: true }).click();
	await expect(peer.getByText('Sessions scheduled.')).toBeVisible();

	// The server looks for due reminders every few seconds in these journeys.
	const coming = member.getByRole('region', { name: /Coming up/ });
	await expect(async () => {
		await member.goto('/groups');
		await expect(coming.getByText(`${name} meets`)).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
	await expect(coming.getByRole('heading', { level: 2 })).toContainText('New: 1');
	await expect(coming.getByText('New', { exact: true })).toBeVisible();
	await expectNoAxeViolations(member, 'groups page with a new reminder');

	const plain = await (
		await browser.newContext({
			javaScriptEnabled: false,
			storageState: await memberContext.storageState()
		})
	).newPage();
	await plain.goto('/groups');
	await plain.getByRole('button', { name: /^Mark as read: / }).click();
	await expect(plain.getByText('The reminder is marked as read.')).toBeVisible();
	const stillComing = plain.getByRole('region', { name: /Coming up/ });
	await expect(stillComing.getByText(`${name} meets`)).toBeVisible();
	await expect(stillComing.getByText('New', { exact: true })).toHaveCount(0);
	await expect(stillComing.getByRole('heading', { level: 2 })).not.toContainText('New');
	await expect(plain.getByRole('button', { name: 'Mark all as read' })).toHaveCount(0);

	await plain.goto(groupUrl);
	const address = plain.getByLabel('Your calendar address');
	const oldFeed = await address.inputValue();
	expect(oldFeed).toMatch(/\/calendar\.ics\?token=/);
	expect((await plain.request.get(oldFeed)).status()).toBe(200);
	await plain.getByRole('button', { name: 'Get a new calendar address' }).click();
	await expect(
		plain.getByText('You have a new calendar address. The old one no longer works.')
	).toBeVisible();
	const newFeed = await plain.getByLabel('Your calendar address').inputValue();
	expect(newFeed).toMatch(/\/calendar\.ics\?token=/);
	expect(newFeed).not.toBe(oldFeed);
	const { pathname, search } = new URL(newFeed);
	await expect(
		plain.getByRole('link', { name: 'Add the sessions to your calendar (.ics)' })
	).toHaveAttribute('href', `${pathname}${search}`);
	expect((await plain.request.get(oldFeed)).status()).toBe(404);
	const feed = await plain.request.get(newFeed);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	expect((await feed.text()).match(/BEGIN:VEVENT/g)).toHaveLength(2);

	await member.goto(`${groupUrl}/board`);
	await member.getByLabel('Title').fill('Before we close');
	await member.getByLabel('Your message').fill('Thank you for these weeks.');
	await member.getByRole('button', { name: 'Post' }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Before we close');
	const threadUrl = member.url();
	// The same thread, open without JavaScript from before the group closes.
	await plain.goto(threadUrl);

	await peer.goto(groupUrl);
	await peer.getByText(`Close ${name}…`).click();
	await peer.getByRole('button', { name: 'Close the group now' }).click();
	await expect(peer.getByText('Choose why the group is closing.')).toBeVisible();
	await expect(
		peer.getByText('Tick the box to confirm that you want to close the group.')
	).toBeVisible();
	await expectNoAxeViolations(peer, 'closing a group, refused');
	await peer.getByLabel('The course has come to its end').check();
	await peer.getByLabel('I understand that closing the group cannot be undone.').check();
	await peer.getByRole('button', { name: 'Close the group now' }).click();
	await expect(peer.getByText('The group is closed.')).toBeVisible();
	await expect(peer.getByText(/^This group closed on /)).toBeVisible();
	await expect(peer.getByLabel('First session (local time)')).toHaveCount(0);
	const sessions = peer.getByRole('region', { name: 'Sessions' }).getByRole('listitem');
	await expect(sessions.filter({ hasText: 'Cancelled' })).toHaveCount(2);
	await peer.goto('/groups');
	await expect(peer.getByRole('listitem').filter({ hasText: name })).toContainText('Closed on');

	await member.goto(groupUrl);
	await expect(member.getByText(/^This group closed on /)).toBeVisible();
	await expectNoAxeViolations(member, 'closed group overview (member)');
	await member.getByRole('link', { name: 'Group board' }).click();
	await expect(member.getByText(/The board stays here for you to read/)).toBeVisible();
	await expect(member.getByRole('button', { name: 'Post' })).toHaveCount(0);
	await member.getByRole('link', { name: 'Before we close' }).click();
	await expect(member.getByText('Thank you for these weeks.')).toBeVisible();
	await expect(member.getByRole('button', { name: 'Send reply' })).toHaveCount(0);
	await expect(member.getByRole('button', { name: /Well done/ })).toHaveCount(0);
	await expectNoAxeViolations(member, 'closed group thread (member)');

	await plain.getByLabel('Your message').fill('One more thing before we go');
	await plain.getByRole('button', { name: 'Send reply' }).click();
	await expect(
		plain.getByText(
			'This group has closed. What was shared stays here to read, but nothing new can be posted.'
		)
	).toBeVisible();
	// Nothing was posted, and the text is given back to copy.
	await expect(plain.getByRole('heading', { name: 'Replies: 0' })).toBeVisible();
	await expect(plain.getByLabel('Your message')).toHaveValue('One more thing before we go');
	await expect(plain.getByLabel('Your message')).not.toBeEditable();

	await member.goto('/groups');
	await expect(member.getByRole('listitem').filter({ hasText: name })).toContainText('Closed on');
	await expect(member.getByText(`${name} meets`)).toHaveCount(0);

	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, 'site_admin');
	await admin.goto('/admin/programmes');
	await expect(admin.getByRole('listitem').filter({ hasText: name })).toContainText('Closed on');
	for (const page of [peer, member, plain, admin]) await page.context().close();
});
