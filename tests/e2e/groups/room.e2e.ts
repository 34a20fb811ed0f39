import { expect, test } from '@playwright/test';
import { demoRoomPath } from '../../../src/lib/server/demo/demo-room-ids';
import { openReady, signInAs } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';

// The demo peer worker opens the live room of the demo group; Maya (pseudonym "Sunflower") joins
// from another browser. They chat live, then Maya posts from a browser without JavaScript, and a
// message refused by slow mode stays in her composer with the reason.
test('a facilitator and a member chat live, with and without JavaScript', async ({ browser }) => {
	test.setTimeout(90_000);
	const room = demoRoomPath('demo');
	const facilitator = await (await browser.newContext()).newPage();
	const member = await (await browser.newContext()).newPage();
	await signInAs(facilitator, 'peer_worker');
	await signInAs(member, 'member');

	await openReady(facilitator, room);
	await expect(
		facilitator.getByText('This session has not started yet.', { exact: false })
	).toBeVisible();
	await facilitator.getByRole('button', { name: 'Open the room' }).click();
	await expect(facilitator.getByRole('button', { name: 'End the session' })).toBeVisible();
	await expect(facilitator.getByText('Connected')).toBeVisible();

	await openReady(member, room);
	await expect(member.getByText('Connected')).toBeVisible();
	const here = facilitator.getByRole('complementary');
	await expect(here.getByText('Sunflower')).toBeVisible();

	const composer = member.getByLabel('Your message');
	await composer.fill('Hello everyone, glad to be here');
	await composer.press('Enter');
	await expect(composer).toHaveValue('');
	const fMessages = facilitator.locator('ol.messages');
	await expect(fMessages.getByText('Hello everyone, glad to be here')).toBeVisible();
	await expect(fMessages.getByText('Sunflower')).toBeVisible();

	await facilitator.getByLabel('Your message').fill('Welcome! Let us start with a round.');
	await facilitator.getByRole('button', { name: 'Send' }).click();
	const mMessages = member.locator('ol.messages');
	await expect(mMessages.getByText('Welcome! Let us start with a round.')).toBeVisible();
	await expect(mMessages.getByText('Peter Peer (facilitator)')).toBeVisible();
	await expectNoAxeViolations(member, 'live room (member)');
	await expectNoAxeViolations(facilitator, 'live room (facilitator)');

	// Without JavaScript: the page refreshes itself and the composer is a plain form.
	const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signInAs(noJs, 'member');
	await noJs.goto(room);
	await expect(noJs.locator('meta[http-equiv="refresh"]')).toHaveCount(1);
	await expect(noJs.getByText('Welcome! Let us start with a round.')).toBeVisible();
	await noJs.getByLabel('Your message').fill('Posting from a simple phone');
	await noJs.getByRole('button', { name: 'Send' }).click();
	await expect(noJs.locator('ol.messages').getByText('Posting from a simple phone')).toBeVisible();
	await expect(fMessages.getByText('Posting from a simple phone')).toBeVisible();

	// Slow mode: a second message too soon is refused and kept in the composer.
	await facilitator.getByLabel(/^Slow mode/).fill('60');
	await facilitator.getByRole('button', { name: 'Set slow mode' }).click();
	await expect(member.getByText('Slow mode: one message every 60 seconds.')).toBeVisible();
	await composer.fill('One more thought');
	await composer.press('Enter');
	await expect(member.getByText(/Slow mode is on/)).toBeVisible();
	await expect(composer).toHaveValue('One more thought');
	await expect(composer).toHaveAttribute('aria-invalid', 'true');
});
