import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '../fixtures/test';
import { expectNoAxeViolations } from '../fixtures/axe';
import { newConfirmedMember } from '../fixtures/people';
import { openReady, signInAs, signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD } from '../fixtures/accounts';

/** Adds an item with the keyboard alone: focus, type, Tab to the next field, Enter to send. */
async function addByKeyboard(page: Page, label: string, kind: string, circle: string) {
	await page.getByLabel('Name or nickname').focus();
	await page.keyboard.type(label);
	await page.keyboard.press('Tab'); // what is it?
	await page.keyboard.type(kind);
	await page.keyboard.press('Tab'); // which circle?
	await page.keyboard.type(circle);
	await page.getByLabel('Name or nickname').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Added to your map.')).toBeVisible();
	await expect(page.getByRole('rowheader', { name: label })).toBeVisible();
}

test('a member builds a map with the keyboard alone and compares two snapshots', async ({
	page,
	browser
}) => {
	const person = await newConfirmedMember(page, browser, 'map');
	await signInWith(page, person.email, person.password);
	await expect(page).not.toHaveURL(/\/signin/);
	await openReady(page, '/network');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your network');
	await expect(page.getByText('Your map is empty.')).toBeVisible();
	await expectNoAxeViolations(page, '/network (empty)');

	// A blank name is refused next to the field; the other choices are kept.
	await page.getByLabel('Which circle?').selectOption('1');
	await page.getByLabel('Name or nickname').press('Enter');
	await expect(page.locator('#add-label-error')).toHaveText('Please fill this in.');
	await expect(page.getByLabel('Which circle?')).toHaveValue('1');
	await expect(page.getByText('Your map is empty.')).toBeVisible();

	const sister = `Sister ${randomBytes(2).toString('hex')}`;
	await addByKeyboard(page, sister, 'Family', 'Further');
	await addByKeyboard(page, 'Chess club', 'Group', 'Important');
	await addByKeyboard(page, 'Biscuit', 'Pet', 'Closest');
	await expect(page.getByRole('group', { name: 'Your map' })).toBeVisible();
	await expectNoAxeViolations(page, '/network (filled)');

	await page.getByRole('button', { name: 'Save a snapshot' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Snapshot saved.')).toBeVisible();

	// A button moves the sister closer; on the drawing, the arrow keys move the club further.
	await page.getByRole('button', { name: `Move ${sister} closer` }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Moved.')).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(sister) })).toContainText('Important');
	await page.getByRole('button', { name: /^Chess club: Important\./ }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('button', { name: /^Chess club: Further away\./ })).toBeVisible();

	await page.getByRole('button', { name: 'Save a snapshot' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Snapshot saved.')).toBeVisible();

	// Each item has its own page to change everything about it.
	await page.getByRole('link', { name: 'Change Biscuit' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change an item on your map');
	await expectNoAxeViolations(page, '/network/items/[itemId]');
	await page.getByRole('link', { name: 'Back to your map' }).click();

	// On a phone the page does not scroll sideways.
	await page.setViewportSize({ width: 390, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	await page.getByRole('link', { name: 'Your snapshots and what changed' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your snapshots');
	const closer = page.locator('ul.closer');
	await expect(closer).toContainText(sister);
	await expect(closer).toContainText('Further away → Important');
	await expect(page.locator('ul.further')).toContainText('Chess club');
	await expect(page.getByText('Stayed in the same circle: 1')).toBeVisible();
	await expectNoAxeViolations(page, '/network/snapshots');
});

test('a professional runs a facilitated session the member agreed to, and prints the summary', async ({
	browser
}) => {
	const proContext = await browser.newContext();
	const memberContext = await browser.newContext();
	try {
		const pro = await proContext.newPage();
		const member = await memberContext.newPage();
		await signInAs(pro, 'professional');
		await openReady(pro, '/network/facilitate');
		await expectNoAxeViolations(pro, '/network/facilitate');
		await pro.getByLabel('Member').selectOption({ label: 'Sam Member' });
		await pro.getByRole('button', { name: 'Ask for a session' }).click();
		await expect(pro.getByText('Asked. The session opens when the member agrees.')).toBeVisible();

		await signInWith(member, 'member2@demo.kith.local', E2E_PASSWORD);
		await openReady(member, '/network');
		await expect(member.getByText(/would like to fill in your map with you/)).toBeVisible();
		await expectNoAxeViolations(member, '/network (asked to map together)');
		await member.getByRole('button', { name: "Yes, let's map together" }).click();
		await expect(member.getByText('Session open. You can end it at any time.')).toBeVisible();

		await openReady(pro, '/network/facilitate');
		await pro.getByRole('link', { name: 'Open the map with Sam Member' }).click();
		await expect(pro.getByRole('heading', { level: 1 })).toHaveText('Mapping with Sam Member');
		const label = `Day centre ${randomBytes(2).toString('hex')}`;
		await pro.getByLabel('Name or nickname').fill(label);
		await pro.getByLabel('What is it?').selectOption('place');
		await pro.getByRole('button', { name: 'Add to map' }).click();
		await expect(pro.getByText('Added to your map.')).toBeVisible();
		await expect(pro.getByRole('heading', { name: 'Summary for care planning' })).toBeVisible();
		await expectNoAxeViolations(pro, '/network/facilitate/[sessionId]');

		// The member sees the item on their own map at once, then ends the session.
		await openReady(member, '/network');
		await expect(member.getByRole('rowheader', { name: label })).toBeVisible();
		await member.getByRole('button', { name: 'End the session' }).click();
		await expect(member.getByText('Session ended.')).toBeVisible();
		await pro.reload();
		await expect(pro.getByRole('heading', { level: 1 })).not.toHaveText('Mapping with Sam Member');
	} finally {
		await proContext.close();
		await memberContext.close();
	}
});

test('a carer reads the map a member shares and suggests an addition', async ({ page }) => {
	await signInAs(page, 'carer');
	await openReady(page, '/supporting');
	await page
		.getByRole('link', { name: /See .*'s map/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('network');
	await expectNoAxeViolations(page, '/network/shared/[memberId]');
	await page.getByLabel('Name or nickname').fill(`Book club ${randomBytes(2).toString('hex')}`);
	await page.getByRole('button', { name: 'Send suggestion' }).click();
	await expect(page.getByText('Suggestion sent.')).toBeVisible();
});
