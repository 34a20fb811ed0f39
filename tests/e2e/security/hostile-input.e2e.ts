// Hostile input, everywhere at once: every form action and endpoint of the app gets random hostile
// values of the shapes probers use (ids, impossible dates, numbers beyond 32 bits, text with NUL,
// CR/LF, lone surrogates and 100,000 characters, bodies that are not forms) and must never answer
// a 500 or show a stack trace. Like the route matrix, nothing is listed by hand: the actions come
// from the route files, and their fields and real ids from the pages each role is shown (a crawl).
// The posts really write, so this file starts a Kith of its own (fresh database, same seed)
// instead of changing the data the other journeys read. On PostgreSQL it also reads that database
// around every post that is refused, and fails if the refusal changed anything.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { expect, test, type APIRequestContext, type APIResponse } from '../fixtures/test';
import { routeRules } from '../../../src/lib/server/access/route-rules';
import { emailOf, roles, type Role } from '../fixtures/accounts';
import { signInForState } from '../fixtures/api-session';
import { pathOf } from '../access/expectations';

test.describe.configure({ mode: 'serial' });

/** Hostile values, shape by shape; fast-check mixes them with random strings of its own. */
const shapes = {
	id: ['\u0000', 'a\u0000b', "' or '1'='1", '../../../etc/passwd', '%00', '-1', 'x'.repeat(5000)],
	date: ['2026-02-30', '2026-02-30T10:00', '2026-02-28T25:61', '0000-00-00', '99999-12-31'],
	number: ['2147483648', '-2147483649', '1e309', 'NaN', '1.5', '9'.repeat(30)],
	text: [
		'x'.repeat(100_000),
		'Hall B\r\nX-INJECTED:1',
		'bare\rreturn',
		'lone \uD800 surrogate',
		'replacement \uFFFD',
		'<script>alert(1)</script>',
		'\u202Eevil'
	]
};
const hostile = fc.oneof(
	fc.constantFrom(...Object.values(shapes).flat()),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 })
);

/** Bodies that are not the form an action expects, each with its content type. */
const oddBodies: { contentType: string; body: string }[] = [
	{ contentType: 'text/plain', body: 'just text' },
	{ contentType: 'multipart/form-data', body: 'no boundary' },
	{ contentType: 'application/json', body: '{"a":' },
	{ contentType: 'application/x-www-form-urlencoded', body: 'name=caf%FF&id=%E0%A4' }
];

/**
 * Route id → its form actions, and the routes with a POST endpoint, read from the route files
 * (as the route matrix reads its rules): a new one is probed without being listed here.
 */
function actionsInSource(): { found: Map<string, string[]>; endpoints: string[] } {
	const root = 'src/routes';
	const found = new Map<string, string[]>();
	const endpoints: string[] = [];
	const idOf = (dir: string) => '/' + relative(root, dir).split(sep).join('/');
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name === '+server.ts') {
				if (/export (const|async function) POST\b/.test(readFileSync(path, 'utf8')))
					endpoints.push(idOf(dir));
			} else if (entry.name === '+page.server.ts') {
				const block = /export const actions[^{]*\{([\s\S]*?)\n\};/.exec(readFileSync(path, 'utf8'));
				if (!block?.[1]) continue;
				const names = [...block[1].matchAll(/^\t(\w+)\s*[:,(]/gm)].map((m) => m[1] ?? '');
				found.set(idOf(dir).replace(/(.)\/$/, '$1'), names);
			}
		}
	};
	walk(root);
	return { found, endpoints };
}

/** The route id a concrete path belongs to, by the same patterns the router uses. */
const routeMatchers = Object.keys(routeRules)
	.map((id) => ({
		id,
		pattern: new RegExp(
			'^' + id.replace(/\[\w+(=\w+)?\]/g, '[^/]+').replace(/\/\([^)]+\)/g, '') + '$'
		),
		// Static routes win over dynamic ones (/groups/new over /groups/[groupId]).
		weight: (id.match(/\[/g) ?? []).length
	}))
	.sort((a, b) => a.weight - b.weight);
const routeOf = (path: string): string | undefined =>
	routeMatchers.find((m) => m.pattern.test(path))?.id;

type Field = { name: string; type: string; valid: string };
type Form = { routeId: string; action: string; url: string; fields: Field[] };

const today = new Date().toISOString().slice(0, 10);
/**
 * A value the field would accept from a person, so that one hostile field at a time reaches the
 * use case rather than being refused with the others.
 */
function plausible(
	type: string,
	value: string | undefined,
	option: string | undefined,
	tag: string
) {
	if (value) return decode(value);
	switch (type) {
		case 'select':
			return option ? decode(option) : '';
		case 'date':
			return today;
		case 'datetime-local':
			return `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T10:00`;
		case 'number':
			return attr(tag, 'min') ?? '30';
		case 'email':
			return 'probe@example.org';
		case 'url':
			return 'https://example.org/';
		case 'password':
			return 'e2e-demo-password-2026';
		default:
			return 'Probe text';
	}
}

/** The hostile values that suit a field most, then any. */
const shapesFor = (type: string): string[] =>
	type === 'date' || type === 'datetime-local'
		? shapes.date
		: type === 'number'
			? [...shapes.number, ...shapes.id.slice(0, 2)]
			: type === 'hidden' || type === 'select' || type === 'radio'
				? [...shapes.id, ...shapes.number.slice(0, 2)]
				: shapes.text;

const decode = (s: string) =>
	s
		.replaceAll('&amp;', '&')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>');
const attr = (tag: string, name: string): string | undefined => {
	const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return m?.[1] === undefined ? undefined : decode(m[1]);
};

/** The POST forms and same-origin links of a page, as the server rendered them. */
function readPage(html: string, pageUrl: URL): { forms: Form[]; links: string[] } {
	const forms: Form[] = [];
	for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
		const [, tag = '', inner = ''] = m;
		if ((attr(tag, 'method') ?? 'get').toLowerCase() !== 'post') continue;
		const target = new URL(attr(tag, 'action') ?? '', pageUrl);
		if (target.origin !== pageUrl.origin) continue;
		const action = [...target.searchParams.keys()].find((k) => k.startsWith('/'))?.slice(1);
		const routeId = routeOf(target.pathname);
		if (!routeId) continue;
		const fields: Field[] = [];
		const taken = new Set<string>();
		for (const f of inner.matchAll(
			/<(input|textarea)\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>/g
		)) {
			const tagText = f[2] ?? f[3] ?? '';
			const name = attr(tagText, 'name');
			const declared =
				f[1] === 'textarea'
					? 'textarea'
					: f[3] !== undefined
						? 'select'
						: (attr(tagText, 'type') ?? 'text');
			// A number typed on a phone's keypad is a text field with a numeric keyboard.
			const type = attr(tagText, 'inputmode') === 'numeric' ? 'number' : declared;
			if (!name || taken.has(name) || type === 'submit') continue;
			// An unticked box sends nothing; a radio group sends its first choice.
			if (type === 'checkbox' && !/\schecked\b/.test(tagText)) continue;
			taken.add(name);
			const option = /<option\b[^>]*\svalue="([^"]+)"/.exec(f[4] ?? '')?.[1];
			fields.push({ name, type, valid: plausible(type, attr(tagText, 'value'), option, tagText) });
		}
		forms.push({
			routeId,
			action: action ?? 'default',
			url: target.pathname + target.search,
			fields
		});
	}
	const links = [...html.matchAll(/<a\b[^>]*\shref="([^"#]+)"/g)]
		.map((m) => new URL(decode(m[1] ?? ''), pageUrl))
		.filter((u) => u.origin === pageUrl.origin && !u.pathname.startsWith('/_app/'))
		.map((u) => u.pathname + u.search);
	return { forms, links };
}

/** A path of a route: the matrix's sample ids, or an id nobody has for a record route. */
const samplePath = (routeId: string): string => {
	try {
		return pathOf(routeId);
	} catch {
		return routeId.replace(/\[\w+(=\w+)?\]/g, () => randomUUID());
	}
};

let requests = 0;

/** What a prober must never see: a server error or the inside of the code. */
async function expectCalm(response: APIResponse, what: string) {
	requests += 1;
	expect.soft(response.status(), what).toBeLessThan(500);
	const body = await response.text();
	expect.soft(body, `${what}: no stack trace`).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|node_modules/);
}

let server: ChildProcess | undefined;
let baseURL = '';

/**
 * The data a refused request must leave as it was: every table but the bookkeeping a refusal may
 * rightly write (the audit trail, counters of refusals and sign-in attempts, sessions, presence),
 * and the read marks any view of a page writes (a refused form without script answers with its
 * page again, which records the view like every other). Each table's fingerprint is its row count
 * and the newest transaction that wrote a row, so any insert, update or delete shows, even one
 * that writes the same values back.
 */
const bookkeeping = new Set([
	'audit_log',
	'access_denials',
	'rate_limit',
	'rate_limits',
	'session',
	'verification',
	'room_presence',
	'board_reads',
	'lesson_progress'
]);
let database: pg.Client | undefined;
let fingerprintSql = '';
let refusalsChecked = 0;

async function fingerprint(): Promise<Map<string, string>> {
	if (!database) return new Map();
	const { rows } = await database.query<{ t: string; f: string }>(fingerprintSql);
	return new Map(rows.map((r) => [r.t, r.f]));
}

/** Posts, and when the answer is a refusal (4xx) checks that no table changed. */
async function refusedLeavesDataAlone(
	what: string,
	post: () => Promise<APIResponse>
): Promise<APIResponse> {
	const before = await fingerprint();
	const response = await post();
	if (database && response.status() >= 400) {
		const after = await fingerprint();
		refusalsChecked += 1;
		const changed = [...after].filter(([t, f]) => before.get(t) !== f).map(([t]) => t);
		expect.soft(changed, `${what}: refused (${response.status()}), so nothing changes`).toEqual([]);
	}
	return response;
}

test.beforeAll(async ({ playwright: _ }, testInfo) => {
	test.setTimeout(180_000);
	const kind = testInfo.project.name === 'postgres' ? 'postgres' : 'pglite';
	const port = Number(process.env.E2E_PORT ?? 3100) + (kind === 'postgres' ? 11 : 10);
	baseURL = `http://localhost:${port}`;
	const databaseName = `kith_e2e_hostile_${randomUUID().slice(0, 8)}`;
	server = spawn('npx', ['tsx', 'tests/e2e/server.ts', kind, String(port)], {
		stdio: 'ignore',
		detached: true,
		// No background work while requests are compared before and after: no reminders (a
		// session an accepted post scheduled must not be announced mid-check), and the
		// scheduler's first tick an hour away (it enqueues recurring jobs on every tick).
		env: {
			...process.env,
			KITH_E2E_DATABASE: databaseName,
			KITH_REMINDERS: 'off',
			KITH_JOB_POLL_SECONDS: '3600'
		}
	});
	for (let waited = 0; ; waited += 250) {
		const ready = await fetch(`${baseURL}/readyz`).then(
			(r) => r.ok,
			() => false
		);
		if (ready) break;
		if (waited > 150_000) throw new Error('the hostile-input instance did not start');
		await new Promise((r) => setTimeout(r, 250));
	}
	if (kind === 'postgres') {
		const url = new URL(process.env.TEST_DATABASE_URL as string);
		url.pathname = `/${databaseName}`;
		database = new pg.Client({ connectionString: url.toString() });
		await database.connect();
		const { rows } = await database.query<{ t: string }>(
			"select tablename as t from pg_tables where schemaname = 'public' order by 1"
		);
		fingerprintSql = rows
			.filter((r) => !bookkeeping.has(r.t))
			.map(
				(r) =>
					`select '${r.t}' as t, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as f from "${r.t}"`
			)
			.join(' union all ');
	}
});

test.afterAll(async () => {
	await database?.end();
	// The launcher stops Kith and drops its database on SIGTERM; its group takes npx along.
	if (server?.pid) process.kill(-server.pid, 'SIGTERM');
});

// Staff who can switch accounts off go last, so every other role is probed while signed in.
const order: Role[] = [...roles].sort(
	(a, b) =>
		Number(a === 'site_admin' || a === 'platform_admin') -
		Number(b === 'site_admin' || b === 'platform_admin')
);

test('no hostile value in any form action or endpoint answers a 500', async ({ playwright }) => {
	test.setTimeout(600_000);
	const { found: inSource, endpoints } = actionsInSource();
	const probed = new Set<string>();
	const probedFully = new Set<string>();
	const post = (
		request: APIRequestContext,
		url: string,
		data: { form?: Record<string, string>; contentType?: string; body?: string }
	) =>
		request.post(url, {
			...(data.form ? { form: data.form } : { data: data.body }),
			headers: {
				Origin: baseURL,
				accept: 'text/html',
				...(data.contentType ? { 'content-type': data.contentType } : {})
			},
			maxRedirects: 0
		});

	for (const role of [null, ...order]) {
		const request = await playwright.request.newContext({ baseURL });
		const signIn = async () => {
			if (role) await signInForState(request, baseURL, emailOf(role));
		};
		await signIn();
		// Crawl what this role is shown: every page without params, then the links they lead to.
		const start = Object.keys(routeRules).filter((id) => !id.includes('['));
		const queue = [...start, '/home'];
		const seen = new Set<string>();
		const forms = new Map<string, Form>();
		const queried: string[] = [];
		while (queue.length > 0 && seen.size < 250) {
			const path = queue.shift() ?? '';
			const key = routeOf(new URL(path, baseURL).pathname) ?? path;
			// One visit per route and query shape is enough to find its forms.
			const shape = key + '?' + [...new URL(path, baseURL).searchParams.keys()].join('&');
			if (seen.has(shape) || path.startsWith('/signout') || path.endsWith('/events')) continue;
			seen.add(shape);
			const response = await request.get(path, { maxRedirects: 0 });
			await expectCalm(response, `${role ?? 'anonymous'} GET ${path}`);
			if (response.status() !== 200) continue;
			if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
			const page = readPage(await response.text(), new URL(path, baseURL));
			for (const f of page.forms) forms.set(`${f.routeId}?/${f.action}`, f);
			for (const link of page.links) {
				queue.push(link);
				if (link.includes('?')) queried.push(link);
			}
		}

		// Query strings: every parameter of every link gets hostile values too.
		for (const link of new Set(queried.filter((l) => !l.split('?')[0]?.endsWith('/events')))) {
			const url = new URL(link, baseURL);
			for (const name of url.searchParams.keys()) {
				for (const value of fc.sample(hostile, { numRuns: 3, seed: 7 })) {
					const probe = new URL(url);
					probe.searchParams.set(name, value.slice(0, 2000));
					const response = await request.get(probe.pathname + probe.search, { maxRedirects: 0 });
					await expectCalm(response, `${role ?? 'anonymous'} GET ${link} with hostile ${name}`);
				}
			}
		}

		for (const form of forms.values()) {
			probed.add(`${form.routeId}?/${form.action}`);
			const what = `${role ?? 'anonymous'} POST ${form.routeId}?/${form.action}`;
			const key = `${form.routeId}?/${form.action}`;
			const valid = Object.fromEntries(form.fields.map((f) => [f.name, f.valid]));
			const send = async (body: Record<string, string>, label: string) => {
				const response = await refusedLeavesDataAlone(`${what} with ${label}`, () =>
					post(request, form.url, { form: body })
				);
				await expectCalm(response, `${what} with ${label}`);
				return response.status() < 500;
			};
			// The first time an action is seen: every field gets each hostile value of its shape,
			// the others as a person would fill them.
			if (!probedFully.has(key)) {
				probedFully.add(key);
				for (const field of form.fields)
					for (const value of shapesFor(field.type))
						await send({ ...valid, [field.name]: value }, `hostile ${field.name}`);
			}
			// Then, for every role shown it, random hostile values in random fields, or all at once.
			const names = form.fields.map((f) => f.name);
			await fc.assert(
				fc.asyncProperty(fc.constantFrom(...names, '*'), hostile, (target, value) =>
					send(
						target === '*'
							? Object.fromEntries([...names, 'extra'].map((n) => [n, value]))
							: { ...valid, [target]: value },
						`random hostile ${target}`
					)
				),
				{ numRuns: 6, seed: 42, endOnFailure: true }
			);
			for (const odd of oddBodies) {
				const response = await refusedLeavesDataAlone(`${what} as ${odd.contentType}`, () =>
					post(request, form.url, odd)
				);
				await expectCalm(response, `${what} as ${odd.contentType}`);
			}
			// An action may have ended this session (sign out, sessions): sign in again.
			const home = await request.get('/home', { maxRedirects: 0 });
			if (home.status() !== 200) await signIn();
		}
		await request.dispose();
	}

	// Actions no role was shown a form for (they need a state the seed does not have) still get
	// hostile posts at a path of their route: what guards them must not fall over either.
	const request = await playwright.request.newContext({ baseURL });
	await signInForState(request, baseURL, emailOf('member'));
	const fallback: string[] = [];
	for (const [routeId, actions] of inSource) {
		for (const action of actions) {
			if (probed.has(`${routeId}?/${action}`)) continue;
			fallback.push(`${routeId}?/${action}`);
			const url = samplePath(routeId) + (action === 'default' ? '' : `?/${action}`);
			// Seen once first, as a person would before posting (opening a lesson enrols them).
			await request.get(samplePath(routeId), { maxRedirects: 0 });
			for (const value of fc.sample(hostile, { numRuns: 4, seed: 3 })) {
				const form = Object.fromEntries(
					['id', 'groupId', 'sessionId', 'date', 'first', 'minutes', 'name', 'body'].map((n) => [
						n,
						value
					])
				);
				const what = `POST ${url} (not shown to any role)`;
				await expectCalm(
					await refusedLeavesDataAlone(what, () => post(request, url, { form })),
					what
				);
			}
			for (const odd of oddBodies) {
				const what = `POST ${url} as ${odd.contentType}`;
				await expectCalm(await refusedLeavesDataAlone(what, () => post(request, url, odd)), what);
			}
			probed.add(`${routeId}?/${action}`);
		}
	}
	// POST endpoints (+server.ts) get the odd bodies as well.
	expect(endpoints.length, 'the POST endpoints were found').toBeGreaterThan(0);
	for (const routeId of endpoints)
		for (const odd of oddBodies)
			await expectCalm(await post(request, samplePath(routeId), odd), `POST ${routeId}`);
	await request.dispose();

	const shown = [...probed].length;
	test.info().annotations.push({
		type: 'hostile input',
		description: `${requests} requests (${database ? `${refusalsChecked} refusals checked to leave the data unchanged` : 'data checked on PostgreSQL only'}); ${shown} actions probed, ${fallback.length} of them without a form shown: ${fallback.join(', ')}`
	});
	const all = [...inSource].flatMap(([id, actions]) => actions.map((a) => `${id}?/${a}`));
	expect(all.length, 'the route files were read').toBeGreaterThan(60);
	expect(
		all.filter((a) => !probed.has(a)),
		'every action was probed'
	).toEqual([]);
});
