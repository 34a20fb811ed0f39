import { expect, test, type Page } from '../fixtures/test';
import { DENIALS_READER_EMAIL, E2E_PASSWORD } from '../fixtures/accounts';
import { signInWith } from '../fixtures/sign-in';
import { confirmEnrolment, startEnrolment } from '../fixtures/enrol';

// A form posted to Kith from another website (cross-site request forgery) is refused with 403,
// as SvelteKit refused it, and now each refusal is counted (decision 0012): refusals to people
// not signed in show on the platform admin's page, per address and day.
const evil = 'https://evil.example';
const bodies: { type: string; body: string }[] = [
	{ type: 'application/x-www-form-urlencoded', body: 'email=a%40b.c&password=x' },
	{
		type: 'multipart/form-data; boundary=kith',
		body: '--kith\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--kith--\r\n'
	},
	{ type: 'text/plain', body: 'email=a@b.c' },
	{ type: 'application/x-sveltekit-formdata', body: '' }
];

// Every journey's requests come from this machine, so the refusals of all the listed rows (each
// an address, shown only as its code) are added up.
async function formsFromOtherSites(page: Page): Promise<number> {
	await page.goto('/platform/denials');
	const counts = await page.getByRole('row').locator('td:nth-child(4)').allInnerTexts();
	return counts.reduce((sum, c) => sum + Number(c.replace(/\D/g, '')), 0);
}

test('a form from another website is refused and counted; the site’s own forms and JSON are not', async ({
	browser,
	playwright,
	baseURL
}) => {
	const admin = await (await browser.newContext()).newPage();
	await signInWith(admin, DENIALS_READER_EMAIL, E2E_PASSWORD);
	await expect(admin).toHaveURL(/\/profile\/security/);
	await confirmEnrolment(admin, await startEnrolment(admin));
	const before = await formsFromOtherSites(admin);

	const visitor = await playwright.request.newContext({ baseURL });
	const sent = 6;
	for (let i = 0; i < sent; i++)
		for (const { type, body } of bodies) {
			const res = await visitor.post('/signin', {
				data: body,
				headers: { 'content-type': type, origin: evil },
				maxRedirects: 0
			});
			expect(res.status(), type).toBe(403);
			expect(await res.text()).toBe('Cross-site POST form submissions are forbidden');
		}
	// Without any Origin, and for another method, as before.
	const bare = await visitor.fetch('/goals', {
		method: 'DELETE',
		data: 'x=1',
		headers: { 'content-type': 'text/plain', accept: 'application/json' },
		maxRedirects: 0
	});
	expect(bare.status()).toBe(403);
	expect(await bare.json()).toEqual({
		message: 'Cross-site DELETE form submissions are forbidden'
	});

	// The site's own form goes through: a language change answers with its redirect.
	const own = await visitor.post('/language', {
		form: { locale: 'en' },
		headers: { origin: new URL(baseURL ?? '').origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(own.status()).toBe(303);
	// JSON is no form: a browser must ask first (CORS) to send it from elsewhere, so it is not refused here.
	const json = await visitor.post('/session/extend', {
		data: { hello: 'there' },
		headers: { origin: evil },
		maxRedirects: 0
	});
	expect(json.status()).not.toBe(403);
	await visitor.dispose();

	await expect(async () => {
		expect(await formsFromOtherSites(admin)).toBeGreaterThanOrEqual(
			before + sent * bodies.length + 1
		);
	}).toPass({ timeout: 15_000 });
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
		'Refused answers to people not signed in'
	);
	// The address shows as its code (a keyed pseudonym), never as the address itself.
	const codes = await admin.getByRole('row').locator('td:nth-child(1)').allInnerTexts();
	expect(codes.length).toBeGreaterThan(0);
	for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/);
	await expect(admin.getByRole('table')).not.toContainText('127.0.0.1');
});
