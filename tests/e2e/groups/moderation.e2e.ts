import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { signInAs, signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD } from '../fixtures/accounts';
import { expectNoAxeViolations } from '../fixtures/axe';
import { demoBoard, secondMemberEmail } from '../fixtures/groups';
import { message } from '../access/expectations';

// Maya posts on her group's board (a phone number is refused first, her text kept), Sam reports
// the post, the moderator hides it from the queue, and Sam then sees it hidden.
test('a member reports a board post and a moderator hides it', async ({ browser }) => {
	const tag = randomBytes(3).toString('hex');
	const title = `A hard week ${tag}`;
	const body = `I snapped at my sister today and feel awful about it ${tag}.`;

	const maya = await (await browser.newContext()).newPage();
	await signInAs(maya, 'member');
	await maya.goto(demoBoard());
	await expect(maya.getByRole('heading', { level: 1 })).toHaveText(message('board_title'));
	await expectNoAxeViolations(maya, 'group board');

	const titleField = maya.getByLabel(message('board_thread_title'));
	const bodyField = maya.getByLabel(message('board_message'));
	await titleField.fill('Call me');
	await bodyField.fill('Text me any time on 081 234 5678');
	await maya.getByRole('button', { name: message('board_post_thread') }).click();
	await expect(maya.getByText(message('safety_err_contact'))).toBeVisible();
	await expect(bodyField).toHaveValue('Text me any time on 081 234 5678');
	await expect(bodyField).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(maya, 'group board (contact details refused)');

	await titleField.fill(title);
	await bodyField.fill(body);
	await maya.getByRole('button', { name: message('board_post_thread') }).click();
	await expect(maya).toHaveURL(/\/board\/[0-9a-f-]{36}$/);
	await expect(maya.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(maya.getByText(body)).toBeVisible();
	await expectNoAxeViolations(maya, 'board thread');
	const threadUrl = maya.url();

	const sam = await (await browser.newContext()).newPage();
	await signInWith(sam, secondMemberEmail(), E2E_PASSWORD);
	await expect(sam).not.toHaveURL(/\/signin/);
	await sam.goto(demoBoard());
	await sam.getByRole('link', { name: title }).click();
	await expect(sam.getByText(body)).toBeVisible();
	// Maya appears by her pseudonym, never her name.
	await expect(sam.getByRole('heading', { level: 2, name: 'Sunflower' })).toBeVisible();
	await expect(sam.getByText('Maya Member')).toHaveCount(0);
	await sam.getByText(message('board_report'), { exact: true }).click();
	await sam
		.getByLabel(message('board_report_reason'))
		.fill('This sounds like she may need support');
	await sam.getByRole('button', { name: message('board_report_send') }).click();
	await expect(sam.getByText(message('board_reported'))).toBeVisible();

	const mona = await (await browser.newContext()).newPage();
	await signInAs(mona, 'moderator');
	await mona.goto('/moderation');
	await expect(mona.getByRole('heading', { level: 1 })).toHaveText(message('moderation_title'));
	const entry = mona.getByRole('listitem').filter({ hasText: tag });
	await expect(entry).toContainText('Maya Member');
	await expect(entry).toContainText('Sunflower');
	await expectNoAxeViolations(mona, 'moderation queue');
	await entry.getByRole('link', { name: message('moderation_open_item') }).click();
	await expect(mona.getByText('This sounds like she may need support')).toBeVisible();
	await mona.getByLabel(message('moderation_action_hide')).check();
	await mona.getByLabel(message('moderation_reason'), { exact: true }).fill('Kept private for now');
	await mona.getByRole('button', { name: message('moderation_record') }).click();
	await expect(mona.getByText(message('moderation_done'))).toBeVisible();
	await expect(
		mona.getByRole('listitem').filter({ hasText: 'Kept private for now' })
	).toBeVisible();
	await expectNoAxeViolations(mona, 'moderation item');

	await sam.goto(threadUrl);
	await expect(sam.getByRole('heading', { level: 1 })).toHaveText(
		message('board_hidden_by_moderator')
	);
	await expect(sam.getByText(body)).toHaveCount(0);
	await maya.reload();
	await expect(maya.getByText(message('board_hidden_own'))).toBeVisible();
});
