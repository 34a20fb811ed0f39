import { randomBytes } from 'node:crypto';
import { expect, test, type Locator, type Page } from '../fixtures/test';
import { openReady, signInAs, signInWith } from '../fixtures/sign-in';
import { E2E_PASSWORD, secondPeerEmail } from '../fixtures/accounts';
import { expectNoAxeViolations } from '../fixtures/axe';
import { secondMemberEmail } from '../fixtures/groups';
import { newConfirmedMember } from '../fixtures/people';
import { message } from '../access/expectations';

const fill = (key: string, values: Record<string, string>) =>
	Object.entries(values).reduce((text, [k, v]) => text.replace(`{${k}}`, v), message(key));

/** Opens the "end" step inside `scope`, picks a reason (or none) and confirms. */
async function endIn(scope: Locator, reason: string | null): Promise<void> {
	const summary = scope.locator('summary', { hasText: message('companion_end') });
	if ((await summary.locator('..').getAttribute('open')) === null) await summary.click();
	if (reason) await scope.getByLabel(message('companion_end_reason')).selectOption(reason);
	await scope.getByRole('button', { name: message('companion_end_confirm') }).click();
}

/** Sam (the second demo member, so Maya's journeys are untouched) starts with no companionship. */
async function startFresh(sam: Page): Promise<void> {
	await sam.goto('/companionship');
	const withdraw = sam.getByRole('button', { name: message('companion_withdraw') });
	if (await withdraw.isVisible()) await withdraw.click();
	else if (await sam.locator('summary', { hasText: message('companion_end') }).isVisible())
		await endIn(sam.locator('main'), 'member_choice');
	else return;
	await expect(sam.getByText(message('companion_ended'))).toBeVisible();
}

/** The page is no wider than the screen: nothing makes it scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
	const { scroll, inner } = await page.evaluate(() => ({
		scroll: document.scrollingElement?.scrollWidth ?? 0,
		inner: window.innerWidth
	}));
	expect.soft(scroll, `${where}: page width on a ${inner} px screen`).toBeLessThanOrEqual(inner);
}

// Sam asks for a companion, the site admin (coordinator) suggests Peter Peer, Sam accepts; Peter
// logs a 20-minute phone call (a future day is refused first) and ends it, and all three see the
// history. Three people and nine axe checks in one story: it takes about a minute on a loaded
// 2-core machine, so it gets the time its sibling below has.
test('a member gets a peer companion and the peer worker logs contacts', async ({ browser }) => {
	test.setTimeout(120_000);
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

	// The coordinator sees the dose of the companionship among the running ones.
	await admin.reload();
	const running = admin
		.getByRole('row')
		.filter({ hasText: 'Sam Member' })
		.filter({ hasText: 'Peter Peer' });
	await expect(running.getByRole('cell', { name: '20', exact: true })).toBeVisible();
	await expect(running).toContainText(message('companion_outcome_active'));

	// Peter ends it early. Confirming without a reason is refused next to the field.
	await peter.goto('/companionship');
	await endIn(companion, null);
	await expect(companion.getByText(message('companion_err_end_reason'))).toBeVisible();
	await expect(companion.getByLabel(message('companion_end_reason'))).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectNoAxeViolations(peter, 'companionship (peer, ending refused)');
	await endIn(companion, 'goals_met');
	await expect(peter.getByText(message('companion_ended_staff'))).toBeVisible();
	await expect(companion).toHaveCount(0);
	const accompanied = peter
		.getByRole('region', { name: message('companion_past_heading') })
		.getByRole('listitem')
		.filter({ hasText: 'Sam Member' });
	await expect(accompanied).toContainText(message('companion_outcome_ended_by_you'));
	await expect(accompanied).toContainText(
		fill('companion_outcome_reason', { reason: message('companion_reason_goals_met') })
	);
	await expect(accompanied).toContainText(fill('companion_dose', { count: '1', minutes: '20' }));
	await expectNoAxeViolations(peter, 'companionship (peer, past companions)');

	// Sam sees it in their history, and may ask for a companion again.
	await sam.reload();
	const past = sam
		.getByRole('region', { name: message('companion_history_heading') })
		.getByRole('listitem')
		.filter({ hasText: 'Peter Peer' });
	await expect(past).toContainText(message('companion_outcome_ended_by_your_companion'));
	await expect(past).toContainText(
		fill('companion_outcome_reason', { reason: message('companion_reason_goals_met') })
	);
	await expect(past).toContainText(fill('companion_dose', { count: '1', minutes: '20' }));
	await expect(sam.getByText(message('companion_ask_again'))).toBeVisible();
	await expect(sam.getByRole('button', { name: message('companion_ask') })).toBeVisible();
	await expectNoAxeViolations(sam, 'companionship (member history)');
	await sam.setViewportSize({ width: 360, height: 780 });
	await expectNoSidewaysScroll(sam, 'member companionship');

	// The coordinator finds it among the ended ones, with who ended it and why.
	await admin.getByLabel(message('companion_history_show')).selectOption('ended');
	await admin.getByRole('button', { name: message('companion_history_apply') }).click();
	await expect(admin).toHaveURL(/show=ended/);
	const ended = admin
		.getByRole('row')
		.filter({ hasText: 'Sam Member' })
		.filter({ hasText: 'Peter Peer' });
	await expect(ended).toContainText(message('companion_outcome_ended_by_companion'));
	await expect(ended).toContainText(message('companion_reason_goals_met'));
	await expectNoAxeViolations(admin, 'companion matching (ended)');
	await admin.setViewportSize({ width: 360, height: 780 });
	await expectNoSidewaysScroll(admin, 'companion matching (ended)');
	await expectNoAxeViolations(admin, 'companion matching (ended, 360 px)');
});

// Supervision and intervision are logged on the training page, apart from any companionship.
test('a peer worker logs an intervision session', async ({ browser }) => {
	const tag = randomBytes(3).toString('hex');
	const peter = await (await browser.newContext()).newPage();
	await signInAs(peter, 'peer_worker');
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
});

// A member made for this journey gets Paula (the demo peer with a companion profile), ends it
// themselves and asks again; the coordinator, without JavaScript, suggests Paula again and ends
// that one for her unavailability. A second try from a stale page is told it already ended.
test('the member and the coordinator end companionships; both show in the history', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const tag = randomBytes(3).toString('hex');
	const member = await (await browser.newContext()).newPage();
	const person = await newConfirmedMember(member, browser, 'companion');
	await signInWith(member, person.email, person.password);
	await expect(member).not.toHaveURL(/\/signin/);
	const ask = async (note: string) => {
		await member.goto('/companionship');
		await member.getByLabel(message('companion_note')).fill(note);
		await member.getByLabel(message('companion_languages')).fill('German');
		await member.getByLabel(message('companion_interests')).fill('gardening');
		await member.getByRole('button', { name: message('companion_ask') }).click();
		await expect(member.getByText(message('companion_requested'))).toBeVisible();
	};
	const accept = async () => {
		await member.goto('/companionship');
		await expect(member.getByText(fill('companion_offered', { name: 'Paula Peer' }))).toBeVisible();
		await member.getByRole('button', { name: message('companion_accept') }).click();
		await expect(member.getByText(message('companion_accepted'))).toBeVisible();
	};

	// The coordinator works without JavaScript: every form here is a plain form.
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const admin = await noJs.newPage();
	await signInAs(admin, 'site_admin');
	const suggestPaula = async (note: string) => {
		await admin.goto('/admin/companionship');
		await admin
			.getByRole('article')
			.filter({ hasText: note })
			.getByRole('button', { name: fill('companion_offer_to', { name: 'Paula Peer' }) })
			.click();
		await expect(admin.getByText(message('companion_offer_sent'))).toBeVisible();
	};

	await ask(`First hope ${tag}`);
	await suggestPaula(`First hope ${tag}`);
	await accept();
	await endIn(member.locator('main'), 'member_choice');
	await expect(member.getByText(message('companion_ended'))).toBeVisible();
	const history = member
		.getByRole('region', { name: message('companion_history_heading') })
		.getByRole('listitem');
	await expect(history).toHaveCount(1);
	await expect(history).toContainText('Paula Peer');
	await expect(history).toContainText(message('companion_outcome_ended_by_you'));
	await expect(member.getByText(message('companion_ask_again'))).toBeVisible();

	await ask(`Second hope ${tag}`);
	await suggestPaula(`Second hope ${tag}`);
	await accept();

	// Two tabs on the running list: the coordinator ends it in one, then tries again in the other.
	await admin.goto('/admin/companionship');
	const stale = await noJs.newPage();
	await stale.goto('/admin/companionship');
	const row = (page: Page) => page.getByRole('row').filter({ hasText: person.name });
	await endIn(row(admin), null);
	await expect(row(admin).getByText(message('companion_err_end_reason'))).toBeVisible();
	await endIn(row(admin), 'peer_unavailable');
	await expect(admin.getByText(message('companion_ended_staff'))).toBeVisible();
	await expect(row(admin)).toHaveCount(0);
	await endIn(row(stale), 'safety');
	// Its row has left the running list, so the refusal is said at the top of the page.
	await expect(
		stale.getByRole('alert').filter({ hasText: message('companion_err_already_ended') })
	).toBeVisible();

	await admin.getByLabel(message('companion_history_show')).selectOption('ended');
	await admin.getByRole('button', { name: message('companion_history_apply') }).click();
	await expect(row(admin)).toHaveCount(2);
	await expect(
		row(admin).filter({ hasText: message('companion_outcome_ended_by_member') })
	).toContainText(message('companion_reason_member_choice'));
	await expect(
		row(admin).filter({ hasText: message('companion_outcome_ended_by_coordinator') })
	).toContainText(message('companion_reason_peer_unavailable'));

	await member.reload();
	await expect(history).toHaveCount(2);
	await expect(history.first()).toContainText(message('companion_outcome_ended_by_coordinator'));
	await expect(history.first()).toContainText(
		fill('companion_outcome_reason', { reason: message('companion_reason_peer_unavailable') })
	);
	await noJs.close();
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

	// She starts unticked (the demo seeds her taking companions).
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

	// Back as the demo seeded her: taking companions, her usual availability (the other journeys
	// only rank her by it, so the moment she was not taking any changes none of them).
	await availability.fill('Weekday evenings, and Saturday mornings');
	await saveProfile();
	await expect(accepting).toBeChecked();
});
