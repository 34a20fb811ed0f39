import { randomBytes } from 'node:crypto';
import { expect, test } from '../fixtures/test';
import { signInAs } from '../fixtures/sign-in';
import { expectNoAxeViolations } from '../fixtures/axe';
import { demoBoard } from '../fixtures/groups';
import { message } from '../access/expectations';

// Maya writes something worrying on her group's board: she sees crisis help at once and can read
// what happens next. Peter, who facilitates her group, finds the alert first on his Today, says
// he has it, and records a welfare check; nothing is sanctioned or preselected.
test('a risk phrase on the board reaches the facilitator as a care alert', async ({ browser }) => {
	const tag = randomBytes(3).toString('hex');
	const maya = await (await browser.newContext()).newPage();
	await signInAs(maya, 'member');
	await maya.goto(demoBoard());
	await maya.getByLabel(message('board_thread_title')).fill(`Tonight ${tag}`);
	await maya.getByLabel(message('board_message')).fill(`Some nights I want to die ${tag}`);
	await maya.getByRole('button', { name: message('board_post_thread') }).click();
	await expect(maya.getByRole('heading', { name: message('safety_crisis_title') })).toBeVisible();
	await maya.getByRole('link', { name: message('salert_what_happens_link') }).click();
	await expect(maya.getByRole('heading', { level: 1 })).toHaveText(message('salert_wh_title'));
	await expectNoAxeViolations(maya, 'what happens when you write something worrying');

	const peter = await (await browser.newContext()).newPage();
	await signInAs(peter, 'peer_worker');
	await peter.goto('/home');
	const cards = peter.locator('[data-card]');
	await expect(cards.first()).toHaveAttribute('data-card', 'safety-alerts');
	await cards
		.first()
		.getByRole('link', { name: message('salert_today_item').replace('{name}', 'Maya Member') })
		.first()
		.click();
	await expect(peter.getByRole('heading', { level: 1 })).toHaveText(message('salert_alert_title'));
	await expect(peter.getByText(`Some nights I want to die ${tag}`)).toBeVisible();
	// Care first; nothing chosen for him, and moderation is a closed, second step.
	for (const radio of await peter.getByRole('radio').all()) await expect(radio).not.toBeChecked();
	await expectNoAxeViolations(peter, 'safety alert');

	await peter.getByRole('button', { name: message('salert_acknowledge') }).click();
	await expect(peter.getByText(message('salert_acknowledged'))).toBeVisible();
	await expect(peter.getByRole('button', { name: message('salert_acknowledge') })).toHaveCount(0);

	// A welfare check without its outcome is refused next to the field, the note kept.
	await peter.getByLabel(message('salert_step_welfare_check')).check();
	await peter.getByLabel(message('salert_note'), { exact: true }).first().fill(`Called ${tag}`);
	await peter.getByRole('button', { name: message('salert_record_step') }).click();
	await expect(peter.getByText(message('salert_err_outcome'))).toBeVisible();
	await expect(peter.getByLabel(message('salert_note'), { exact: true }).first()).toHaveValue(
		`Called ${tag}`
	);
	await peter.getByLabel(message('salert_welfare_outcome')).selectOption('supported');
	await peter.getByRole('button', { name: message('salert_record_step') }).click();
	await expect(peter.getByText(message('salert_step_recorded'))).toBeVisible();
	const steps = peter.getByRole('region', { name: message('salert_steps') });
	await expect(steps).toContainText(message('salert_event_welfare_check'));
	await expect(steps).toContainText(`Called ${tag}`);
	await expectNoAxeViolations(peter, 'safety alert after a welfare check');

	await peter.goto('/safety/alerts');
	await expect(peter.getByRole('heading', { level: 1 })).toHaveText(message('salert_queue_title'));
	await expectNoAxeViolations(peter, 'safety alert queue');
});
