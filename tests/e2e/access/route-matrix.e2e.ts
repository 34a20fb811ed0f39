import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '../fixtures/test';
import { routeRules } from '../../../src/lib/server/access/route-rules';
import { emailOf } from '../fixtures/accounts';
import { enrolSecondFactor, signInForState } from '../fixtures/api-session';
import {
	expectedAnswer,
	message,
	ownAnswers,
	pathOf,
	principals,
	recordRoutes,
	type Answer,
	type Principal
} from './expectations';

// Every route × every role (and anonymous), asking as a browser would: one signed-in request
// context per role, no redirects followed, so each answer is exactly what the server sent.
const html = { accept: 'text/html,application/xhtml+xml' };
const contexts = new Map<string, APIRequestContext>();
let baseURL = '';

test.beforeAll(async ({ playwright }, testInfo) => {
	baseURL = testInfo.project.use.baseURL ?? '';
	for (const p of principals) {
		let storageState;
		if (p.role) {
			const signIn = await playwright.request.newContext({ baseURL });
			storageState = await signInForState(signIn, baseURL, emailOf(p.role, p.site));
			await signIn.dispose();
		}
		contexts.set(
			p.label,
			await playwright.request.newContext({ baseURL, storageState, extraHTTPHeaders: html })
		);
	}
});

test.afterAll(async () => {
	for (const c of contexts.values()) await c.dispose();
	contexts.clear();
});

function as(p: Principal): APIRequestContext {
	const c = contexts.get(p.label);
	if (!c) throw new Error(`not signed in as ${p.label}`);
	return c;
}

const get = (p: Principal, path: string): Promise<APIResponse> =>
	as(p).get(path, { maxRedirects: 0 });

const answerOf = (r: APIResponse): Answer => {
	const location = r.headers()['location'];
	return location === undefined ? { status: r.status() } : { status: r.status(), location };
};

/** The body with what legitimately differs per request (nonces, the path itself) blanked out. */
const normalized = async (r: APIResponse, path: string): Promise<string> =>
	(await r.text())
		.replaceAll(path, '<path>')
		.replace(/nonce(=|-)"?[A-Za-z0-9+/=]+/g, 'nonce$1<nonce>');

test('every route has an expectation and no expectation is stale', () => {
	for (const id of Object.keys(routeRules))
		if (!recordRoutes.has(id)) expect(() => pathOf(id), id).not.toThrow();
	for (const id of [...Object.keys(ownAnswers), ...recordRoutes])
		expect(routeRules, `expectation for a route that is gone: ${id}`).toHaveProperty([id]);
});

for (const routeId of Object.keys(routeRules).filter((id) => !recordRoutes.has(id))) {
	test(`GET ${routeId} answers every role as its rule says`, async () => {
		const path = pathOf(routeId);
		for (const p of principals) {
			const response = await get(p, path);
			expect
				.soft(answerOf(response), `${p.label} GET ${path}`)
				.toEqual(expectedAnswer(routeId, path, p));
			if (routeId === '/invite/[token]' && response.status() === 200)
				expect
					.soft(await response.text(), `${p.label}: unknown invitation`)
					.toContain(message('invite_invalid'));
		}
	});
}

test('a denied route answers exactly like a route that does not exist', async () => {
	const member = principals.find((p) => p.role === 'member' && p.site === 'demo');
	if (!member) throw new Error('no member principal');
	const denied = await get(member, '/admin/people');
	const missing = await get(member, '/admin/nonexistent');
	expect(denied.status()).toBe(404);
	expect(denied.status()).toBe(missing.status());
	expect(denied.headers()['content-type']).toBe(missing.headers()['content-type']);
	expect(await normalized(denied, '/admin/people')).toBe(
		await normalized(missing, '/admin/nonexistent')
	);
});

test('person records: another site’s and unknown ids are not found, for every role', async ({
	playwright
}) => {
	const routeId = '/admin/people/[userId]';
	const idsOn = async (c: APIRequestContext): Promise<string[]> => {
		const r = await c.get('/admin/people', { maxRedirects: 0 });
		expect(r.status(), 'the site admin sees the people list').toBe(200);
		return [...(await r.text()).matchAll(/href="\/admin\/people\/([^"/?#]+)"/g)].flatMap((m) =>
			m[1] ? [m[1]] : []
		);
	};
	const demoAdmin = principals.find((p) => p.role === 'site_admin' && p.site === 'demo');
	if (!demoAdmin) throw new Error('no demo site admin principal');
	const sameSite = (await idsOn(as(demoAdmin)))[0];

	// The other site's admin must enrol a second factor before seeing its people list.
	const otherAdmin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: html });
	try {
		await signInForState(otherAdmin, baseURL, emailOf('site_admin', 'other'));
		await enrolSecondFactor(otherAdmin, baseURL);
		const otherSite = (await idsOn(otherAdmin))[0];
		expect(sameSite, 'a demo user id').toBeTruthy();
		expect(otherSite, 'an other-site user id').toBeTruthy();

		const foreign = { what: 'other site', path: `/admin/people/${otherSite}`, found: false };
		const unknown = { what: 'nonexistent', path: `/admin/people/${randomUUID()}`, found: false };
		const targets = [
			{ what: 'same site', path: `/admin/people/${sameSite}`, found: true },
			foreign,
			unknown
		];
		for (const p of principals)
			for (const t of targets) {
				const gate = expectedAnswer(routeId, t.path, p);
				// Past the route's rule, the record decides: only the actor's own site's people exist.
				const expected = gate.status === 200 && !t.found ? { status: 404 } : gate;
				expect
					.soft(answerOf(await get(p, t.path)), `${p.label}: ${t.what} person`)
					.toEqual(expected);
			}

		// The other site's admin, fully signed in, cannot see the demo site's people either.
		const back = await otherAdmin.get(`/admin/people/${sameSite}`, { maxRedirects: 0 });
		expect.soft(back.status(), 'other-site admin: demo person').toBe(404);

		// Another site's person and a made-up id are indistinguishable, body included.
		const a = await get(demoAdmin, foreign.path);
		const b = await get(demoAdmin, unknown.path);
		expect(a.status()).toBe(b.status());
		expect(await normalized(a, foreign.path)).toBe(await normalized(b, unknown.path));
	} finally {
		await otherAdmin.dispose();
	}
});
