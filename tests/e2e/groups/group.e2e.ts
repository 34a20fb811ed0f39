import { randomBytes, randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/session';
import { expectNoAxeViolations } from '../fixtures/axe';

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
	await peer.getByRole('link', { name: 'Open a new group' }).click();
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText('Open a group');
	await peer.getByLabel('Programme').selectOption({ label: 'Paths to everyday life' });
	await peer.getByLabel('Group name').fill(name);
	await expect(peer.getByLabel('First peer facilitator')).toHaveValue(/.+/);
	await peer.getByLabel('Second peer facilitator').selectOption({ label: 'Paula Peer' });
	await peer.getByRole('button', { name: 'Open the group' }).click();
	await expect(peer).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
	await expect(peer.getByRole('heading', { level: 1 })).toHaveText(name);
	const groupUrl = peer.url();

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
