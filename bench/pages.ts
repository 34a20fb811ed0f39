// Page weight and LCP of Kith's budgeted pages, measured in Chromium on a built app.
// Usage: npx vite build && npx tsx bench/pages.ts [--runs 5]
import { demoGroupId } from '../src/lib/server/demo/seed-demo-group';
import { demoRoomPath } from '../src/lib/server/demo/demo-room-ids';
import { chromium, type Browser, type BrowserContext, type CDPSession } from 'playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
	freePort,
	median,
	root,
	runsArg,
	setUpDataDir,
	spawnServer,
	waitFor200,
	type DataDir,
	type Server
} from './lib/server';

const MEMBER_EMAIL = 'member@demo.kith.local';

/** QUALITY.md: "Regular 3G" = 300 ms RTT, 700 kbit/s both ways, 4x CPU slowdown. */
const REGULAR_3G = {
	latencyMs: 300,
	bytesPerSecond: (700 * 1000) / 8,
	cpuSlowdown: 4
};

type Budget = { jsKB: number; totalKB: number; lcpMs: number };
type PageSpec = { name: string; path: string; signedIn: boolean; budget: Budget };

const pages: PageSpec[] = [
	{
		name: 'crisis help',
		path: '/crisis/demo',
		signedIn: false,
		budget: { jsKB: 15, totalKB: 60, lcpMs: 2000 }
	},
	{
		name: 'sign-in',
		path: '/signin',
		signedIn: false,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'member home',
		path: '/home',
		signedIn: true,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'lesson',
		path: '/courses/recovery-skills/what-recovery-means',
		signedIn: true,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'course catalogue',
		path: '/courses',
		signedIn: true,
		budget: { jsKB: 100, totalKB: 250, lcpMs: 4000 }
	},
	{
		name: 'my goals',
		path: '/goals',
		signedIn: true,
		budget: { jsKB: 100, totalKB: 250, lcpMs: 4000 }
	},
	{
		name: 'safety plan',
		path: '/plans/safety',
		signedIn: true,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'recovery plan',
		path: '/plans/recovery',
		signedIn: true,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'group board',
		path: `/groups/${demoGroupId('demo')}/board`,
		signedIn: true,
		budget: { jsKB: 60, totalKB: 150, lcpMs: 3000 }
	},
	{
		name: 'live session room',
		path: demoRoomPath('demo'),
		signedIn: true,
		budget: { jsKB: 100, totalKB: 250, lcpMs: 4000 }
	}
];

/** The member takes the course first, so the lesson page shows the lesson, not the enrol offer. */
async function enrolMember(context: BrowserContext, origin: string): Promise<void> {
	const page = await context.newPage();
	await page.goto(`${origin}/courses/recovery-skills`);
	const enrol = page.locator('form[action="?/enrol"] button[type="submit"]');
	if (await enrol.count()) {
		await Promise.all([page.waitForLoadState('load'), enrol.click()]);
		await page.waitForSelector('a[href^="/courses/recovery-skills/"]');
	}
	await page.close();
}

type Resource = {
	url: string;
	mimeType: string;
	status: number;
	contentEncoding: string;
	/** Response body bytes as they came over the wire (compressed when the server compressed). */
	bodyBytes: number;
	/** Body plus response headers: CDP Network.loadingFinished.encodedDataLength. */
	wireBytes: number;
	/** For an uncompressed HTML document: its size once gzip'd (level 6), for comparison. */
	gzipIfCompressed?: number;
};

type Run = {
	status: number;
	lcpMs: number | null;
	jsBytes: number;
	totalBytes: number;
	totalWireBytes: number;
	htmlBytes: number;
	htmlGzipBytes: number;
	resources: Resource[];
};

const isJs = (r: Resource) =>
	/javascript|ecmascript/.test(r.mimeType) || /\.m?js(\?|$)/.test(r.url);
const kb = (bytes: number) => bytes / 1024;

/** Records every response of the page through CDP, counting encoded (on-the-wire) body bytes. */
function recordNetwork(cdp: CDPSession) {
	const seen = new Map<string, Resource & { headerBytes: number; done: boolean; type: string }>();
	cdp.on('Network.responseReceived', (e) => {
		const headers = Object.fromEntries(
			Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)])
		);
		seen.set(e.requestId, {
			url: e.response.url,
			mimeType: e.response.mimeType,
			status: e.response.status,
			contentEncoding: headers['content-encoding'] ?? 'identity',
			// At this point only the status line and headers have arrived.
			headerBytes: e.response.encodedDataLength,
			bodyBytes: 0,
			wireBytes: 0,
			done: false,
			type: e.type ?? ''
		});
	});
	cdp.on('Network.loadingFinished', (e) => {
		const r = seen.get(e.requestId);
		if (!r) return;
		r.wireBytes = e.encodedDataLength;
		r.bodyBytes = Math.max(0, e.encodedDataLength - r.headerBytes);
		r.done = true;
	});
	return seen;
}

async function applyRegular3G(cdp: CDPSession): Promise<void> {
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: REGULAR_3G.latencyMs,
		downloadThroughput: REGULAR_3G.bytesPerSecond,
		uploadThroughput: REGULAR_3G.bytesPerSecond,
		connectionType: 'cellular3g'
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: REGULAR_3G.cpuSlowdown });
}

/** One cold-cache load of `path` under Regular 3G, gzip only. */
async function measureOnce(
	browser: Browser,
	origin: string,
	spec: PageSpec,
	storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined
): Promise<Run> {
	// A new context has an empty HTTP cache; service workers are blocked so none can answer.
	const context = await browser.newContext({
		storageState,
		serviceWorkers: 'block',
		// Only gzip, so the server sends its precompressed .gz assets rather than .br; every
		// asset's Content-Encoding is checked below.
		extraHTTPHeaders: { 'Accept-Encoding': 'gzip' }
	});
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		const seen = recordNetwork(cdp);
		await applyRegular3G(cdp);

		const response = await page.goto(origin + spec.path, { waitUntil: 'load', timeout: 120_000 });
		await page.waitForLoadState('networkidle', { timeout: 120_000 });
		const lcpMs = await page.evaluate(
			() =>
				new Promise<number | null>((resolve) => {
					new PerformanceObserver((list) => {
						const entries = list.getEntries();
						resolve(entries[entries.length - 1]?.startTime ?? null);
					}).observe({ type: 'largest-contentful-paint', buffered: true });
					setTimeout(() => resolve(null), 3000);
				})
		);

		const resources: Resource[] = [];
		for (const [requestId, r] of seen) {
			if (!r.done || r.url.startsWith('data:')) continue;
			const resource: Resource = {
				url: r.url.replace(origin, ''),
				mimeType: r.mimeType,
				status: r.status,
				contentEncoding: r.contentEncoding,
				bodyBytes: r.bodyBytes,
				wireBytes: r.wireBytes
			};
			if (r.type === 'Document' && r.contentEncoding === 'identity') {
				const body = (await cdp.send('Network.getResponseBody', { requestId })) as {
					body: string;
					base64Encoded: boolean;
				};
				const raw = Buffer.from(body.body, body.base64Encoded ? 'base64' : 'utf8');
				resource.gzipIfCompressed = gzipSync(raw, { level: 6 }).length;
			}
			resources.push(resource);
		}
		const sum = (xs: Resource[], f: (r: Resource) => number) => xs.reduce((a, r) => a + f(r), 0);
		const docs = resources.filter((r) => r.gzipIfCompressed !== undefined);
		return {
			status: response?.status() ?? 0,
			lcpMs,
			jsBytes: sum(resources.filter(isJs), (r) => r.bodyBytes),
			totalBytes: sum(resources, (r) => r.bodyBytes),
			totalWireBytes: sum(resources, (r) => r.wireBytes),
			htmlBytes: sum(docs, (r) => r.bodyBytes),
			htmlGzipBytes: sum(docs, (r) => r.gzipIfCompressed ?? 0),
			resources
		};
	} finally {
		await context.close();
	}
}

/**
 * Signs in through the real sign-in form (no throttling). Resolves with the context holding the
 * session, or with what the server answered when the form did not lead to /home.
 */
async function signIn(
	browser: Browser,
	origin: string,
	password: string,
	javaScriptEnabled: boolean
): Promise<{ context: BrowserContext; failure: string | null }> {
	const context = await browser.newContext({ javaScriptEnabled, serviceWorkers: 'block' });
	const page = await context.newPage();
	let answer = '';
	page.on('response', (r) => {
		if (r.request().method() === 'POST')
			void r.text().then(
				(t) =>
					(answer = `POST ${new URL(r.url()).pathname} answered ${r.status()}: ${t.slice(0, 120)}`),
				() => undefined
			);
	});
	await page.goto(`${origin}/signin`);
	const form = page.locator('form', { has: page.locator('input[name="password"]') });
	await form.locator('input[name="email"]').fill(MEMBER_EMAIL);
	await form.locator('input[name="password"]').fill(password);
	const failure = await Promise.all([
		page.waitForURL((u) => u.pathname === '/home', { timeout: 15_000 }),
		form.locator('button[type="submit"]').click()
	]).then(
		() => null,
		() => answer || `still on ${page.url()}`
	);
	return { context, failure };
}

/** With JavaScript off: the page answers 200 and shows an <h1> (member home: after signing in without JS). */
async function checkWithoutJs(
	browser: Browser,
	origin: string,
	spec: PageSpec,
	password: string
): Promise<{ status: number; h1: string | null; ok: boolean; failure: string | null }> {
	let context: BrowserContext;
	if (spec.signedIn) {
		const signedIn = await signIn(browser, origin, password, false);
		context = signedIn.context;
		if (signedIn.failure) {
			await context.close();
			return { status: 0, h1: null, ok: false, failure: `sign-in without JS: ${signedIn.failure}` };
		}
	} else {
		context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
	}
	try {
		const page = await context.newPage();
		const response = await page.goto(origin + spec.path);
		const status = response?.status() ?? 0;
		const h1 =
			(
				await page
					.locator('h1')
					.first()
					.textContent({ timeout: 5000 })
					.catch(() => null)
			)?.trim() ?? null;
		const landed = new URL(page.url()).pathname;
		const ok = status === 200 && !!h1 && landed === spec.path;
		return {
			status,
			h1,
			ok,
			failure: ok ? null : `status ${status}, h1 ${h1 ? 'yes' : 'no'}, at ${landed}`
		};
	} finally {
		await context.close();
	}
}

const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');

async function main(): Promise<void> {
	const runs = runsArg();
	let data: DataDir | undefined;
	let server: Server | undefined;
	let browser: Browser | undefined;
	try {
		data = await setUpDataDir();
		const port = await freePort();
		server = spawnServer(data.dir, port);
		await waitFor200(`${server.origin}/readyz`, server.child);
		const origin = server.origin;

		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		});

		// One sign-in through the form; each measured run reuses its cookies in a fresh context.
		const signedIn = await signIn(browser, origin, data.password, true);
		if (signedIn.failure)
			throw new Error(`signing in as ${MEMBER_EMAIL} failed: ${signedIn.failure}`);
		await enrolMember(signedIn.context, origin);
		const memberState = await signedIn.context.storageState();
		await signedIn.context.close();

		const results = [];
		for (const spec of pages) {
			const all: Run[] = [];
			for (let i = 0; i < runs; i++) {
				const run = await measureOnce(
					browser,
					origin,
					spec,
					spec.signedIn ? memberState : undefined
				);
				if (run.status !== 200) throw new Error(`${spec.path} answered ${run.status}`);
				all.push(run);
				process.stderr.write(
					`${spec.name} run ${i + 1}/${runs}: JS ${kb(run.jsBytes).toFixed(1)} KB, all ${kb(run.totalBytes).toFixed(1)} KB, LCP ${run.lcpMs?.toFixed(0)} ms\n`
				);
			}
			const noJs = await checkWithoutJs(browser, origin, spec, data.password);
			const lcps = all.map((r) => r.lcpMs).filter((x): x is number => x !== null);
			const m = {
				jsKB: kb(median(all.map((r) => r.jsBytes))),
				totalKB: kb(median(all.map((r) => r.totalBytes))),
				totalWireKB: kb(median(all.map((r) => r.totalWireBytes))),
				htmlKB: kb(median(all.map((r) => r.htmlBytes))),
				htmlGzipKB: kb(median(all.map((r) => r.htmlGzipBytes))),
				lcpMs: lcps.length === all.length ? median(lcps) : null
			};
			const verdict = {
				js: m.jsKB <= spec.budget.jsKB,
				total: m.totalKB <= spec.budget.totalKB,
				lcp: m.lcpMs !== null && m.lcpMs <= spec.budget.lcpMs,
				noJs: noJs.ok
			};
			// The last run's resources show what the bytes are made of.
			const last = all[all.length - 1];
			const uncompressedAssets = (last?.resources ?? [])
				.filter((r) => r.url.startsWith('/_app/') && r.contentEncoding !== 'gzip')
				.map((r) => r.url);
			results.push({ ...spec, medians: m, verdict, noJs, uncompressedAssets, runs: all });
		}

		const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
		const table = [
			line([
				'page',
				'JS gzip KB (budget)',
				'all bytes KB (budget)',
				'of which HTML KB (gzip would be)',
				'LCP Regular 3G ms (budget)',
				'JS off'
			]),
			line(['---', '---', '---', '---', '---', '---']),
			...results.map((r) =>
				line([
					`${r.name} \`${r.path}\``,
					`${r.medians.jsKB.toFixed(1)} (≤ ${r.budget.jsKB}) ${pass(r.verdict.js)}`,
					`${r.medians.totalKB.toFixed(1)} (≤ ${r.budget.totalKB}) ${pass(r.verdict.total)}`,
					`${r.medians.htmlKB.toFixed(1)} (${r.medians.htmlGzipKB.toFixed(1)})`,
					`${r.medians.lcpMs?.toFixed(0) ?? 'n/a'} (≤ ${r.budget.lcpMs}) ${pass(r.verdict.lcp)}`,
					`${r.noJs.status}, h1 ${r.noJs.h1 ? 'yes' : 'no'} ${pass(r.noJs.ok)}`
				])
			)
		].join('\n');

		const notes = [
			`Medians of ${runs} cold-cache loads per page (fresh browser context, HTTP cache disabled, service workers blocked).`,
			'Bytes = encoded response bodies as received (CDP Network.loadingFinished.encodedDataLength minus the',
			'response headers reported at Network.responseReceived), for every response of the page, Accept-Encoding: gzip only.',
			'"JS" = responses with a JavaScript MIME type or a .js URL; inline scripts in the HTML count as HTML.',
			'The HTML documents are rendered per request and sent uncompressed by the Node server; the column in brackets is',
			'their gzip (level 6) size, what a compressing reverse proxy would send.',
			`Regular 3G via CDP: Network.emulateNetworkConditions latency ${REGULAR_3G.latencyMs} ms, ${REGULAR_3G.bytesPerSecond} B/s down and up; Emulation.setCPUThrottlingRate ${REGULAR_3G.cpuSlowdown}.`,
			'LCP = last largest-contentful-paint entry (buffered PerformanceObserver) after the network is idle.'
		];
		console.log(`\n${table}\n\n${notes.join('\n')}`);
		for (const r of results)
			if (r.noJs.failure) console.log(`JS off: ${r.name}: ${r.noJs.failure}`);
		for (const r of results)
			if (r.uncompressedAssets.length)
				console.log(
					`warning: ${r.name}: assets not served gzip'd: ${r.uncompressedAssets.join(', ')}`
				);

		const date = new Date().toISOString().slice(0, 10);
		const outDir = join(root, 'bench', 'results');
		mkdirSync(outDir, { recursive: true });
		const file = join(outDir, `pages-${date}.json`);
		writeFileSync(
			file,
			JSON.stringify(
				{
					date: new Date().toISOString(),
					machine: {
						cpus: cpus().length,
						cpuModel: cpus()[0]?.model,
						totalMemMB: Math.round(totalmem() / 2 ** 20),
						freeMemMB: Math.round(freemem() / 2 ** 20),
						node: process.version,
						chromium: browser.version()
					},
					profile: { name: 'Regular 3G', ...REGULAR_3G },
					runs,
					notes,
					pages: results
				},
				null,
				2
			)
		);
		console.log(`\nwritten ${file}`);
		const failed = results.some((r) => Object.values(r.verdict).some((ok) => !ok));
		process.exitCode = failed ? 1 : 0;
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		data?.remove();
	}
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
	process.exitCode = 2;
});
