// First visit against repeat visit, on "Regular 3G": how long until crisis help and member home
// are interactive and painted, when the service worker answers the app's files (decision 0011).
// Usage: npm run build && npm run bench:repeat-visit -- [--runs 5]
import {
	chromium,
	type Browser,
	type BrowserContext,
	type CDPSession,
	type Page
} from 'playwright';
import { cpus, totalmem } from 'node:os';
import {
	freePort,
	median,
	runsArg,
	setUpDataDir,
	spawnServer,
	waitFor200,
	type DataDir,
	type Server
} from './lib/server';

/** QUALITY.md: "Regular 3G" = 300 ms RTT, 700 kbit/s both ways, 4x CPU slowdown. */
const REGULAR_3G = {
	offline: false,
	latency: 300,
	downloadThroughput: (700 * 1000) / 8,
	uploadThroughput: (700 * 1000) / 8,
	connectionType: 'cellular3g'
} as const;
const CPU_SLOWDOWN = 4;

const pages = [
	// No scripts: interactive once the document is parsed.
	{ name: 'crisis help', path: '/crisis/demo', hydrates: false },
	// Interactive once SvelteKit has hydrated the page and started its router.
	{ name: 'member home', path: '/home', hydrates: true }
] as const;

type Visit = { ttiMs: number; lcpMs: number; htmlMs: number; bytes: number };
type Kind = 'first' | 'repeat, HTTP cache only' | 'repeat, service worker';

/**
 * The moment SvelteKit starts its router, which it does right after hydrating: it sets
 * history.scrollRestoration to "manual" then, and only then on a fresh page.
 */
const markRouterStart = () => {
	const own = Object.getOwnPropertyDescriptor(History.prototype, 'scrollRestoration');
	Object.defineProperty(History.prototype, 'scrollRestoration', {
		configurable: true,
		get(this: History) {
			return own?.get?.call(this) as ScrollRestoration;
		},
		set(this: History, value: ScrollRestoration) {
			const w = window as unknown as { __routerStarted?: number };
			if (value === 'manual') w.__routerStarted ??= performance.now();
			own?.set?.call(this, value);
		}
	});
};

/** Throttles the page, and every service worker of the browser (they fetch for the page). */
async function throttle(browser: Browser, cdp: CDPSession): Promise<void> {
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', REGULAR_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	const root = await browser.newBrowserCDPSession();
	const { targetInfos } = await root.send('Target.getTargets');
	for (const target of targetInfos.filter((t) => t.type === 'service_worker')) {
		const { sessionId } = await root.send('Target.attachToTarget', {
			targetId: target.targetId,
			flatten: false
		});
		let id = 0;
		const send = (method: string, params: object) =>
			root.send('Target.sendMessageToTarget', {
				sessionId,
				message: JSON.stringify({ id: ++id, method, params })
			});
		await send('Network.enable', {});
		await send('Network.emulateNetworkConditions', REGULAR_3G);
	}
}

/** One visit of `path` in a new tab of `context`, throttled; times from navigation start. */
async function visit(
	browser: Browser,
	context: BrowserContext,
	origin: string,
	spec: (typeof pages)[number]
): Promise<Visit> {
	const page = await context.newPage();
	try {
		const cdp = await context.newCDPSession(page);
		let bytes = 0;
		cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
		await throttle(browser, cdp);
		await page.addInitScript(markRouterStart);
		const response = await page.goto(origin + spec.path, { timeout: 120_000 });
		if (response?.status() !== 200) throw new Error(`${spec.path} answered ${response?.status()}`);
		if (spec.hydrates)
			await page.waitForFunction(() => '__routerStarted' in window, null, { timeout: 120_000 });
		await page.waitForLoadState('load');
		return { ...(await timings(page, spec.hydrates)), bytes };
	} finally {
		await page.close();
	}
}

async function timings(page: Page, hydrates: boolean): Promise<Omit<Visit, 'bytes'>> {
	return page.evaluate(
		(hydrates) =>
			new Promise<Omit<Visit, 'bytes'>>((resolve) => {
				const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
				const routerStarted = (window as unknown as { __routerStarted?: number }).__routerStarted;
				const ttiMs = hydrates ? (routerStarted ?? NaN) : nav.domContentLoadedEventEnd;
				const htmlMs = nav.responseEnd - nav.startTime;
				new PerformanceObserver((list) => {
					const entries = list.getEntries();
					resolve({ ttiMs, htmlMs, lcpMs: entries[entries.length - 1]?.startTime ?? NaN });
				}).observe({ type: 'largest-contentful-paint', buffered: true });
			}),
		hydrates
	);
}

/** Signs the member in through the form, unthrottled; returns the session's cookies. */
async function signIn(browser: Browser, origin: string, password: string) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto(`${origin}/signin`);
	await page.locator('input[name="email"]').fill('member@demo.kith.local');
	await page.locator('input[name="password"]').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/home', { timeout: 30_000 }),
		page.locator('form:has(input[name="password"]) button[type="submit"]').click()
	]);
	const state = await context.storageState();
	await context.close();
	return state;
}

/** One run: each page first (nothing cached), then again with the HTTP cache, then with the worker. */
async function measureRun(
	browser: Browser,
	origin: string,
	state: Awaited<ReturnType<typeof signIn>>
): Promise<Record<string, Record<Kind, Visit>>> {
	const out: Record<string, Record<Kind, Visit>> = {};
	for (const spec of pages) {
		const httpOnly = await browser.newContext({ storageState: state, serviceWorkers: 'block' });
		const first = await visit(browser, httpOnly, origin, spec);
		const cached = await visit(browser, httpOnly, origin, spec);
		await httpOnly.close();

		// The worker arrives with the first page (signed in: SvelteKit registers it).
		const withWorker = await browser.newContext({ storageState: state });
		const warm = await withWorker.newPage();
		await warm.goto(`${origin}/home`);
		await warm.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await warm.reload();
		// Its copies are kept: the next visit is a repeat visit of a settled worker.
		await warm.waitForFunction(async () => (await caches.match('/crisis/demo')) !== undefined);
		await warm.close();
		const repeat = await visit(browser, withWorker, origin, spec);
		await withWorker.close();
		out[spec.name] = {
			first,
			'repeat, HTTP cache only': cached,
			'repeat, service worker': repeat
		};
	}
	return out;
}

async function main(): Promise<void> {
	const runs = runsArg();
	let data: DataDir | undefined;
	let server: Server | undefined;
	let browser: Browser | undefined;
	try {
		data = await setUpDataDir();
		server = spawnServer(data.dir, await freePort());
		await waitFor200(`${server.origin}/readyz`, server.child);
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
		const state = await signIn(browser, server.origin, data.password);
		const all: Record<string, Record<Kind, Visit>>[] = [];
		for (let i = 0; i < runs; i++) {
			const run = await measureRun(browser, server.origin, state);
			all.push(run);
			for (const [name, kinds] of Object.entries(run))
				for (const [kind, v] of Object.entries(kinds))
					process.stderr.write(
						`run ${i + 1}/${runs} ${name}, ${kind}: interactive ${v.ttiMs.toFixed(0)} ms, LCP ${v.lcpMs.toFixed(0)} ms, HTML ${v.htmlMs.toFixed(0)} ms, ${(v.bytes / 1024).toFixed(1)} KB over the network\n`
					);
		}
		const kinds: Kind[] = ['first', 'repeat, HTTP cache only', 'repeat, service worker'];
		const rows: string[] = [
			'| page | visit | interactive (ms) | LCP (ms) | HTML answered (ms) | bytes the page fetched (KB; not the worker’s own) |',
			'|---|---|---|---|---|---|'
		];
		for (const spec of pages)
			for (const kind of kinds) {
				const of = (f: (v: Visit) => number) =>
					median(all.map((r) => f(r[spec.name]?.[kind] ?? ({} as Visit))));
				rows.push(
					`| ${spec.name} | ${kind} | ${of((v) => v.ttiMs).toFixed(0)} | ${of((v) => v.lcpMs).toFixed(0)} | ${of((v) => v.htmlMs).toFixed(0)} | ${(of((v) => v.bytes) / 1024).toFixed(1)} |`
				);
			}
		console.log(
			`Repeat visits on Regular 3G (300 ms RTT, 700 kbit/s, 4x CPU), median of ${runs} runs`
		);
		console.log(
			`${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${browser.version()}`
		);
		console.log(rows.join('\n'));
	} finally {
		await browser?.close();
		await server?.stop();
		data?.remove();
	}
}

await main();
