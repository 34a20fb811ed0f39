import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openReady, signInAs, signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD } from '../fixtures/accounts';
import { expectNoAxeViolations } from '../fixtures/axe';
import { secondMemberEmail } from '../fixtures/groups';
import { secondPeerEmail } from '../fixtures/accounts';
import { message } from '../access/expectations';

const fill = (key: string, values: Record<string, string>) =>
	Object.entries(values).reduce((text, [k, v]) => text.replace(`{${k}}`, v), message(key));

/** Sam (the second demo member, so Maya's journeys are untouched) starts with no companionship. */
async function startFresh(sam: Page): Promise<void> {
	await sam.goto('/companionship');
	for (const key of ['companion_end', 'companion_withdraw']) {
		const button = sam.getByRole('button', { name: message(key) });
		if (await button.isVisible()) {
			await button.click();
			await expect(sam.getByText(message('companion_ended'))).toBeVisible();
		}
	}
}

// Sam asks for a companion, the site admin (coordinator) suggests Peter Peer, Sam accepts; Peter
// logs a 20-minute phone call (a future day is refused first) and a supervision session.
test('a member gets a peer companion and the peer worker logs contacts and supervision', async ({
	browser
}) => {
	const tag = randomBytes(3).toString('hex');

	const peter = await (await browser.newContext()).newPage();
	await signInAs(peter, 'peer_worker');
	await peter.goto('/companionship');
	await peter.getByLabel(message('companion_languages')).fill('English, Danish');
	await peter.getByLabel(message('companion_interests')).fill('walking, music');
	await peter.getByLabel(message('companion_availability')).fill('Weekday evenings');
	await peter.getByLabel(message('companion_accepting')).check();
	await expect(peter.getByLabel(message('companion_accepting'))).toBeChecked();
	await peter.getByRole('button', { name: message('companion_profile_save') }).click();
	await expect(peter.getByText(message('companion_profile_saved'))).toBeVisible();
	await expect(peter.getByLabel(message('companion_accepting'))).toBeChecked();

	const sam = await (await browser.newContext()).newPage();
	await signInWith(sam, secondMemberEmail(), E2E_PASSWORD);
	await expect(sam).not.toHaveURL(/\/signin/);
	await startFresh(sam);
	await expect(sam.getByRole('heading', { level: 1 })).toHaveText(message('nav_companionship'));
	await expectNoAxeViolations(sam, 'companionship (member asks)');
	await sam.getByLabel(message('companion_note')).fill(`Someone to walk with ${tag}`);
	await sam.getByLabel(message('companion_languages')).fill('English');
	await sam.getByLabel(message('companion_interests')).fill('Walking, chess');
	await sam.getByRole('button', { name: message('companion_ask') }).click();
	await expect(sam.getByText(message('companion_requested'))).toBeVisible();
	await expect(sam.getByText(message('companion_waiting'))).toBeVisible();

	const admin = await (await browser.newContext()).newPage();
	await signInAs(admin, 'site_admin');
	await admin.goto('/admin/companionship');
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
		message('nav_admin_companionship')
	);
	const request = admin.getByRole('article').filter({ hasText: `Someone to walk with ${tag}` });
	// Peter shares a language and an interest with Sam, so he comes first.
	await expect(request.getByRole('row').nth(1)).toContainText('Peter Peer');
	await expectNoAxeViolations(admin, 'companion matching');
	await request
		.getByRole('button', { name: fill('companion_offer_to', { name: 'Peter Peer' }) })
		.click();
	await expect(admin.getByText(message('companion_offer_sent'))).toBeVisible();

	await sam.reload();
	await expect(sam.getByText(fill('companion_offered', { name: 'Peter Peer' }))).toBeVisible();
	await expect(sam.getByRole('definition').filter({ hasText: 'walking' })).toBeVisible();
	await expectNoAxeViolations(sam, 'companionship (offer)');
	await sam.getByRole('button', { name: message('companion_accept') }).click();
	await expect(sam.getByText(message('companion_accepted'))).toBeVisible();
	await expect(sam.getByText(/Your companion is Peter Peer/)).toBeVisible();

	await peter.goto('/companionship');
	const companion = peter.getByRole('article').filter({ hasText: `Someone to walk with ${tag}` });
	await expect(companion.getByRole('heading', { level: 3 })).toHaveText('Sam Member');
	const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
	await companion.getByLabel(message('companion_date')).fill(future);
	await companion.getByLabel(message('companion_mode')).selectOption('phone');
	await companion.getByLabel(message('companion_minutes')).fill('20');
	await companion.getByRole('button', { name: message('companion_log') }).click();
	await expect(companion.getByText(message('companion_err_future'))).toBeVisible();
	await expect(companion.getByLabel(message('companion_minutes'))).toHaveValue('20');
	await expectNoAxeViolations(peter, 'companionship (peer, refused contact)');
	const today = await companion.getByLabel(message('companion_date')).getAttribute('max');
	await companion.getByLabel(message('companion_date')).fill(today ?? '');
	await companion.getByRole('button', { name: message('companion_log') }).click();
	await expect(peter.getByText(message('companion_contact_logged'))).toBeVisible();
	await expect(
		companion.getByRole('cell', { name: message('companion_mode_phone') })
	).toBeVisible();
	await expect(
		companion.getByText(fill('companion_dose', { count: '1', minutes: '20' }))
	).toBeVisible();

	await peter.goto('/training');
	await expect(peter.getByRole('heading', { level: 1 })).toHaveText(message('nav_training'));
	await peter.getByLabel(message('supervision_kind_intervision')).check();
	await peter.getByLabel(message('companion_minutes')).fill('90');
	await peter.getByLabel(message('supervision_with_whom')).fill(`Intervision group ${tag}`);
	await peter.getByLabel(message('supervision_topics')).fill('Endings and boundaries');
	await peter.getByRole('button', { name: message('supervision_save') }).click();
	await expect(peter.getByText(message('supervision_logged'))).toBeVisible();
	await expect(peter.getByRole('cell', { name: `Intervision group ${tag}` })).toBeVisible();
	await expectNoAxeViolations(peter, 'training and supervision');

	// The coordinator sees the dose of the companionship.
	await admin.reload();
	await expect(
		admin.getByRole('row').filter({ hasText: 'Sam Member' }).filter({ hasText: 'Peter Peer' })
	).toContainText('20');

	// Sam ends it, so the demo is as it was for the next run.
	await sam.getByRole('button', { name: message('companion_end') }).click();
	await expect(sam.getByText(message('companion_ended'))).toBeVisible();
});

// On a slow phone the page shows before its scripts have run. Paula, a peer worker, ticks
// "accepting" and types her availability in that moment; when the page hydrates both stay as
// she left them, and saving (now through the hydrated page) stores them.
test('a box ticked before the page hydrates stays ticked and is saved', async ({ browser }) => {
	const tag = randomBytes(3).toString('hex');
	// No service worker: it would serve the scripts held back below from its cache.
	const paula = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
	await signInWith(paula, secondPeerEmail(), E2E_PASSWORD);
	await expect(paula).not.toHaveURL(/\/signin/);
	const accepting = paula.getByLabel(message('companion_accepting'));
	const availability = paula.getByLabel(message('companion_availability'));
	const save = paula.getByRole('button', { name: message('companion_profile_save') });
	const saveProfile = async () => {
		await save.click();
		await expect(paula.getByText(message('companion_profile_saved'))).toBeVisible();
	};

	// She starts unticked (a run stopped half-way may have left the box ticked).
	await openReady(paula, '/companionship');
	if (await accepting.isChecked()) {
		await accepting.uncheck();
		await saveProfile();
	}

	// The page's scripts wait until she has ticked the box and typed (its styles do not).
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await paula.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await paula.goto('/companionship', { waitUntil: 'domcontentloaded' });
	await expect(accepting).not.toBeChecked();
	await accepting.check();
	await availability.fill(`Saturday mornings ${tag}`);
	release();
	await paula.waitForLoadState('networkidle');
	await expect(accepting).toBeChecked();
	await expect(availability).toHaveValue(`Saturday mornings ${tag}`);

	// Saved by the hydrated page (an enhanced post, not the browser's own), so hydration has run.
	const enhancedPost = paula.waitForRequest(
		(r) => r.method() === 'POST' && r.headers()['x-sveltekit-action'] === 'true'
	);
	await saveProfile();
	await enhancedPost;
	await expect(accepting).toBeChecked();
	await paula.reload();
	await expect(accepting).toBeChecked();
	await expect(availability).toHaveValue(`Saturday mornings ${tag}`);

	// Back to not taking companions, as she started.
	await accepting.uncheck();
	await availability.fill('');
	await saveProfile();
	await expect(accepting).not.toBeChecked();
});
