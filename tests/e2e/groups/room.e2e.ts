import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { demoRoomPath } from '../../../src/lib/server/demo/demo-room-ids';
import { demoGroupId } from '../../../src/lib/server/demo/seed-demo-group';
import { openReady, signInAs, signInWith } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';
import { E2E_PASSWORD } from '../fixtures/accounts';
import { secondMemberEmail } from '../fixtures/groups';
import { message } from '../access/expectations';

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

// In a session of the demo group (Maya "Sunflower" and Sam with Peter facilitating): Sam writes,
// Maya reports him, the moderator hides the message from the queue and it leaves every open room
// without a reload, then comes back when restored. Maya then blocks Sam from the room (his
// messages leave her view at once, nobody else's), and unblocks him from a browser without
// JavaScript, while her other window gets his messages back live.
test('a hidden message and a blocked member leave open rooms live, and come back', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const tag = randomBytes(3).toString('hex');
	const said = `I think you are all wrong ${tag}`;
	const later = `Sorry, that came out badly ${tag}`;
	const newer = `Still here ${tag}`;

	const peter = await (await browser.newContext()).newPage();
	const maya = await (await browser.newContext()).newPage();
	const sam = await (await browser.newContext()).newPage();
	await signInAs(peter, 'peer_worker');
	await signInAs(maya, 'member');
	await signInWith(sam, secondMemberEmail(), E2E_PASSWORD);
	await expect(sam).not.toHaveURL(/\/signin/);

	await openReady(peter, `/groups/${demoGroupId('demo')}`);
	await peter
		.getByRole('link', { name: /^Live room/ })
		.first()
		.click();
	await expect(peter).toHaveURL(/\/room$/);
	const room = new URL(peter.url()).pathname;
	await peter.getByRole('button', { name: message('room_open') }).click();
	await expect(peter.getByRole('button', { name: message('room_close') })).toBeVisible();
	for (const page of [maya, sam]) {
		await openReady(page, room);
		await expect(page.getByText(message('room_live'))).toBeVisible();
	}

	const send = async (page: typeof maya, text: string) => {
		const composer = page.getByLabel(message('room_message_label'));
		await composer.fill(text);
		await composer.press('Enter');
		await expect(composer).toHaveValue('');
	};
	const messagesOf = (page: typeof maya) => page.locator('ol.messages > li');
	await send(sam, said);
	const mayaSees = messagesOf(maya).filter({ hasText: said });
	await expect(mayaSees).toBeVisible();
	await expect(messagesOf(peter).filter({ hasText: said })).toBeVisible();

	// Maya reports it; the moderator hides it from the queue.
	await mayaSees.getByText(message('board_report'), { exact: true }).click();
	await mayaSees.getByLabel(message('board_report_reason')).fill('This hurt');
	await mayaSees.getByRole('button', { name: message('board_report_send') }).click();
	await expect(maya.getByText(message('board_reported'))).toBeVisible();

	const mona = await (await browser.newContext()).newPage();
	await signInAs(mona, 'moderator');
	await mona.goto('/moderation');
	await mona
		.getByRole('listitem')
		.filter({ hasText: tag })
		.getByRole('link', { name: message('moderation_open_item') })
		.click();
	const act = async (action: 'hide' | 'restore', reason: string) => {
		await mona.getByLabel(message(`moderation_action_${action}`)).check();
		await mona.getByLabel(message('moderation_reason'), { exact: true }).fill(reason);
		await mona.getByRole('button', { name: message('moderation_record') }).click();
		await expect(mona.getByRole('listitem').filter({ hasText: reason })).toBeVisible();
	};
	await act('hide', `Unkind ${tag}`);
	// Gone from every open room, without a reload (the pages stay connected).
	for (const page of [maya, peter, sam])
		await expect(messagesOf(page).filter({ hasText: said })).toHaveCount(0);
	await expect(maya.getByText(message('room_live'))).toBeVisible();
	await act('restore', `Talked it through ${tag}`);
	for (const page of [maya, peter, sam])
		await expect(messagesOf(page).filter({ hasText: said })).toBeVisible();

	// Maya blocks Sam from the room: a confirmation first, then his messages leave her view only.
	const block = mayaSees.getByText(message('board_block'), { exact: true });
	await block.click();
	await expect(mayaSees.getByRole('paragraph')).toHaveText(
		/^Block .+\? Their messages will no longer show/
	);
	await expectNoAxeViolations(maya, 'live room (block confirmation)');
	await mayaSees.getByRole('button', { name: message('room_block_yes') }).click();
	await expect(maya.getByText(message('room_blocked_done'))).toBeVisible();
	await expect(messagesOf(maya).filter({ hasText: said })).toHaveCount(0);
	const blockedList = maya.getByRole('region', { name: message('room_blocked_heading') });
	await expect(blockedList.getByRole('button', { name: /^Unblock / })).toBeVisible();
	await expectNoAxeViolations(maya, 'live room (people blocked)');
	await send(sam, later);
	await expect(messagesOf(peter).filter({ hasText: later })).toBeVisible();
	await send(peter, newer);
	await expect(messagesOf(maya).filter({ hasText: newer })).toBeVisible();
	await expect(messagesOf(maya).filter({ hasText: later })).toHaveCount(0);
	// Blocking is for members: no such control on staff messages, nor on one's own.
	await expect(
		messagesOf(maya).filter({ hasText: newer }).getByText(message('board_block'))
	).toHaveCount(0);

	// Without JavaScript: the room lists whom she blocked, and unblocking is a plain form.
	const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signInAs(noJs, 'member');
	await noJs.goto(room);
	await expect(noJs.locator('ol.messages').getByText(later)).toHaveCount(0);
	await noJs
		.getByRole('region', { name: message('room_blocked_heading') })
		.getByRole('button', { name: /^Unblock / })
		.click();
	await expect(noJs.getByText(message('board_unblocked_done'))).toBeVisible();
	await expect(noJs.locator('ol.messages').getByText(later)).toBeVisible();
	// Her window with JavaScript gets his messages back live, in their place.
	await expect(messagesOf(maya).filter({ hasText: later })).toBeVisible();
	await expect(messagesOf(maya).filter({ hasText: said })).toBeVisible();
	const texts = await messagesOf(maya).locator('.body').allTextContents();
	expect(texts.filter((t) => t.endsWith(tag))).toEqual([said, later, newer]);
	await expect(blockedList).toHaveCount(0);
});
