// What bench:render and bench:memory share: a database of their own on PostgreSQL, the demo
// member signed in, a thread of 21 posts, and a check that an answer is the member's full page.
import pg from 'pg';
import { demoGroupId } from '../../src/lib/server/demo/seed-demo-group';

export const MEMBER_EMAIL = 'member@demo.kith.local';
/** The demo member's name, on every page of theirs (the shell shows who is signed in). */
export const MEMBER_NAME = 'Maya Member';

/** A number from `--name N` on the command line. */
export function numberArg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * With --postgres (or --workers, which needs it), a fresh database on TEST_DATABASE_URL's server,
 * set as DATABASE_URL for the server the bench starts; returns how to drop it afterwards.
 */
export async function benchDatabase(): Promise<() => Promise<void>> {
	const wanted = process.argv.includes('--postgres') || process.argv.includes('--workers');
	if (!wanted) return async () => {};
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin)
		throw new Error('--postgres needs TEST_DATABASE_URL (a server this may create a database on)');
	const name = `kith_bench_${Date.now().toString(36)}`;
	const c = new pg.Client({ connectionString: admin });
	await c.connect();
	await c.query(`create database ${name}`);
	await c.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	process.env.DATABASE_URL = url.toString();
	return async () => {
		const d = new pg.Client({ connectionString: admin });
		await d.connect();
		await d.query(`drop database if exists ${name} with (force)`);
		await d.end();
	};
}

export async function signIn(origin: string, password: string): Promise<string> {
	const res = await fetch(`${origin}/signin`, {
		method: 'POST',
		redirect: 'manual',
		// As a browser's form post: a page, not the action's JSON answer.
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: MEMBER_EMAIL, password })
	});
	await res.arrayBuffer();
	const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
	if (res.status !== 303 || cookies.length === 0)
		throw new Error(`signing in failed: ${res.status}`);
	return cookies.join('; ');
}

/** Posts a form as the page's script does and returns the action's JSON answer. */
export async function postAction(
	origin: string,
	cookie: string,
	path: string,
	form: Record<string, string>
): Promise<{ type: string; location?: string }> {
	const res = await fetch(origin + path, {
		method: 'POST',
		headers: { cookie, origin, accept: 'application/json' },
		body: new URLSearchParams(form)
	});
	const answer = (await res.json()) as { type: string; data?: string; location?: string };
	if (answer.type !== 'success' && answer.type !== 'redirect')
		throw new Error(`${path} answered ${JSON.stringify(answer).slice(0, 300)}`);
	return answer;
}

/** The four pages the Performance issue measured; the member starts a thread of 21 posts. */
export async function benchPages(origin: string, cookie: string): Promise<Record<string, string>> {
	const board = `/groups/${demoGroupId('demo')}/board`;
	const started = await postAction(origin, cookie, `${board}?/post`, {
		title: 'How do you keep going on hard days?',
		body: 'I would like to hear what helps other people here when a day is hard.'
	});
	const threadId = /\/board\/([0-9a-f-]{36})$/.exec(started.location ?? '')?.[1];
	if (!threadId) throw new Error('the new thread has no id');
	const thread = `${board}/${threadId}`;
	for (let i = 1; i <= 20; i++)
		await postAction(origin, cookie, `${thread}?/reply`, {
			body: `Reply ${i}: a short walk and a call to a friend.`
		});
	return { home: '/home', lesson: '/courses/recovery-skills/what-recovery-means', board, thread };
}

/**
 * Fetches a page as the member's browser would and fails unless it is their full page: 200 (a
 * redirect to sign-in is a failure), the closing </html>, and their name in the shell.
 */
export async function fetchPage(
	url: string,
	cookie: string
): Promise<{ htmlBytes: number; sentBytes: number }> {
	// As a browser asks: compressed if Kith will (fetch decodes it; the header tells the size sent).
	const res = await fetch(url, {
		headers: { cookie, 'accept-encoding': 'br, gzip' },
		redirect: 'manual'
	});
	const body = await res.text();
	if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
	if (!body.trimEnd().endsWith('</html>') || !body.includes(MEMBER_NAME))
		throw new Error(`${url} answered 200 without the member's full page`);
	return {
		htmlBytes: Buffer.byteLength(body),
		sentBytes: Number(res.headers.get('content-length') ?? Buffer.byteLength(body))
	};
}
