// Live-room chat under load: two Kith instances on one PostgreSQL, N clients in rooms of 10 split
// across both, each posting at a steady rate and reconnecting (with Last-Event-ID, to the other
// instance) at a random moment. Prints delivery latency p50/p95/p99, lost and duplicated messages
// and each instance's peak RSS.
// Usage: npm run build && npx tsx bench/chat.ts [--clients 1000] [--seconds 30] [--interval 10]
//        [--db postgres://postgres@127.0.0.1:5432/postgres] [--workers N]
// --workers N: one cluster-mode start (scripts/serve.js) with N workers instead of two instances.
import { randomBytes, randomUUID, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/lib/server/app';
import { openDatabase } from '../src/lib/server/db/client';
import { parseConfig, type Config } from '../src/lib/server/config';
import { session, user } from '../src/lib/server/db/auth.schema';
import { memberships, profiles } from '../src/lib/server/people/people.schema';
import { createSite } from '../src/lib/server/sites/create-site';
import { ZCreateSiteInput } from '../src/lib/server/sites/site.validation';
import {
	groupFacilitators,
	groupMembers,
	groups,
	groupSessions
} from '../src/lib/server/groups/groups.schema';
import { groupProgrammes } from '../src/lib/server/programmes/programmes.schema';
import { freePort, spawnServer, waitFor200, type Server } from './lib/server';

const { values: args } = parseArgs({
	options: {
		clients: { type: 'string', default: '1000' },
		seconds: { type: 'string', default: '30' },
		interval: { type: 'string', default: '10' },
		// One cluster-mode start with N workers instead of two single-process instances: messages
		// then cross workers (LISTEN/NOTIFY), and a reconnect lands on whichever worker is next.
		workers: { type: 'string', default: '0' },
		db: {
			type: 'string',
			default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
		}
	}
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const INTERVAL_MS = Number(args.interval) * 1000;
const ROOM = 10;

const dbName = `kith_bench_chat_${randomBytes(4).toString('hex')}`;
async function admin(sql: string): Promise<void> {
	const c = new pg.Client({ connectionString: args.db });
	await c.connect();
	try {
		await c.query(sql);
	} finally {
		await c.end();
	}
}

type Person = { userId: string; cookie: string; groupId: string; sessionId: string };

/** Site, people with signed session cookies, one open live session per room of 10. */
async function seed(url: string, secret: string, dataDir: string): Promise<Person[]> {
	const env = parseConfig({ DATABASE_URL: url, KITH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	const cfg: Config = { ...env, secret, dataDir };
	const app = createApp(cfg, openDatabase({ url, dataDir }));
	await app.database.migrate();
	const people: Person[] = [];
	const site = await createSite({
		db: app.db,
		actor: null,
		input: ZCreateSiteInput.parse({
			slug: `bench-${randomBytes(3).toString('hex')}`,
			name: 'Bench site',
			defaultLocale: 'en',
			locales: ['en'],
			timeZone: 'UTC',
			selfRegistration: 'off',
			crisisContacts: 'Emergency | 112'
		})
	});
	await app.db.transaction(async (tx) => {
		const now = new Date();
		const facilitator = randomUUID();
		const ids = Array.from({ length: CLIENTS }, () => randomUUID());
		const users = [facilitator, ...ids];
		for (let i = 0; i < users.length; i += 500) {
			const chunk = users.slice(i, i + 500);
			await tx.insert(user).values(
				chunk.map((id) => ({
					id,
					email: `${id}@bench.kith.local`,
					name: 'Bench person',
					emailVerified: true,
					createdAt: now,
					updatedAt: now
				}))
			);
			await tx.insert(profiles).values(
				chunk.map((id) => ({
					userId: id,
					displayName: 'Bench',
					pseudonym: `P-${id.slice(0, 6)}`
				}))
			);
			await tx.insert(memberships).values(
				chunk.map((id) => ({
					siteId: site.id,
					userId: id,
					role: id === facilitator ? ('peer_worker' as const) : ('member' as const)
				}))
			);
		}
		const [programme] = await tx
			.insert(groupProgrammes)
			.values({ siteId: site.id, slug: 'bench', kind: 'ongoing' })
			.returning();
		if (!programme) throw new Error('no programme');
		for (let r = 0; r * ROOM < CLIENTS; r++) {
			const [group] = await tx
				.insert(groups)
				.values({
					siteId: site.id,
					programmeId: programme.id,
					name: `Room ${r}`,
					locale: 'en',
					createdBy: facilitator
				})
				.returning();
			if (!group) throw new Error('no group');
			await tx
				.insert(groupFacilitators)
				.values({ groupId: group.id, userId: facilitator, kind: 'peer' });
			const [s] = await tx
				.insert(groupSessions)
				.values({
					groupId: group.id,
					startsAt: now,
					endsAt: new Date(now.getTime() + 3600_000),
					delivery: 'live',
					status: 'open'
				})
				.returning();
			if (!s) throw new Error('no session');
			const members = ids.slice(r * ROOM, (r + 1) * ROOM);
			await tx.insert(groupMembers).values(
				members.map((userId) => ({
					groupId: group.id,
					userId,
					status: 'member' as const,
					agreementAcceptedAt: now,
					calendarToken: randomBytes(18).toString('base64url')
				}))
			);
			for (const userId of members) {
				const token = randomBytes(24).toString('base64url');
				await tx.insert(session).values({
					id: randomUUID(),
					token,
					userId,
					expiresAt: new Date(now.getTime() + 24 * 3600_000),
					createdAt: now,
					updatedAt: now,
					lastSeenAt: now,
					activeSiteId: site.id
				});
				// better-auth's signed cookie: token.base64(HMAC-SHA256(secret, token)), URI-encoded.
				const signature = createHmac('sha256', secret).update(token).digest('base64');
				people.push({
					userId,
					cookie: `kith.session_token=${encodeURIComponent(`${token}.${signature}`)}`,
					groupId: group.id,
					sessionId: s.id
				});
			}
		}
	});
	await app.database.close();
	return people;
}

type Stats = {
	latencies: number[];
	replayed: number;
	duplicates: number;
	reconnects: number;
	posted: Map<string, Set<string>>; // sessionId → message keys posted successfully
	failedPosts: number;
	postMs: number[];
};

/** One member: an SSE stream (resumable) and a composer posting every INTERVAL_MS. */
class Client {
	received = new Map<string, number>(); // message key → times received
	lastId = '';
	abort: AbortController | null = null;
	instance: number;
	connectedAt = 0;
	constructor(
		readonly p: Person,
		readonly index: number,
		readonly servers: Server[],
		readonly stats: Stats
	) {
		this.instance = index % 2;
	}

	private url(path: string) {
		const server = this.servers[this.instance];
		if (!server) throw new Error('no server');
		return `${server.origin}/groups/${this.p.groupId}/sessions/${this.p.sessionId}/room${path}`;
	}

	async connect(): Promise<void> {
		const abort = new AbortController();
		this.abort = abort;
		const headers: Record<string, string> = { cookie: this.p.cookie, accept: 'text/event-stream' };
		if (this.lastId) headers['last-event-id'] = this.lastId;
		const res = await fetch(this.url('/events'), { headers, signal: abort.signal });
		if (res.status !== 200 || !res.body) throw new Error(`events answered ${res.status}`);
		this.connectedAt = Date.now();
		void this.read(res.body).catch(() => undefined);
	}

	private async read(body: ReadableStream<Uint8Array>): Promise<void> {
		const decoder = new TextDecoder();
		let buffer = '';
		for await (const chunk of body) {
			buffer += decoder.decode(chunk, { stream: true });
			let at: number;
			while ((at = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, at);
				buffer = buffer.slice(at + 2);
				if (!block.includes('event: message')) continue;
				const id = /^id: (\d+)$/m.exec(block)?.[1];
				const data = /^data: (.*)$/m.exec(block)?.[1];
				if (!id || !data) continue;
				this.lastId = id;
				const { body: text } = JSON.parse(data) as { body: string };
				const [, sender, seq, stamp = ''] = text.split(' ');
				const sentAt = parseInt(stamp.slice(1), 36);
				const key = `${sender}:${seq}`;
				const seen = this.received.get(key) ?? 0;
				this.received.set(key, seen + 1);
				if (seen > 0) this.stats.duplicates++;
				else if (sentAt >= this.connectedAt) this.stats.latencies.push(Date.now() - sentAt);
				else this.stats.replayed++;
			}
		}
	}

	/** Drops the stream and comes back on the other instance, resuming after the last id. */
	async reconnect(): Promise<void> {
		this.abort?.abort();
		this.instance = 1 - this.instance;
		this.stats.reconnects++;
		await this.connect();
	}

	async post(seq: number): Promise<void> {
		const key = `${this.index}:${seq}`;
		const form = new URLSearchParams({
			clientId: randomUUID(),
			// The send time in base 36: a long run of digits would be refused as a phone number.
			body: `bench ${this.index} ${seq} t${Date.now().toString(36)}`
		});
		const server = this.servers[this.instance];
		const started = Date.now();
		const res = await fetch(this.url('?/send'), {
			method: 'POST',
			headers: {
				cookie: this.p.cookie,
				accept: 'text/html',
				origin: server?.origin ?? '',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: form,
			redirect: 'manual'
		});
		await res.arrayBuffer();
		this.stats.postMs.push(Date.now() - started);
		if (res.status === 303) {
			const set = this.stats.posted.get(this.p.sessionId) ?? new Set();
			set.add(key);
			this.stats.posted.set(this.p.sessionId, set);
		} else {
			this.stats.failedPosts++;
			if (this.stats.failedPosts === 1) console.error(`post answered ${res.status}`);
		}
	}
}

function ownRssMb(pid: number): number {
	try {
		const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Math.round(Number(kb) / 1024) : 0;
	} catch {
		return 0;
	}
}

/** A process's RSS; in cluster mode, its largest worker's (the primary only supervises). */
function rssMb(pid: number | undefined): number {
	if (!pid) return 0;
	let children: number[] = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		// no such process any more
	}
	return children.length ? Math.max(...children.map(ownRssMb)) : ownRssMb(pid);
}

const pct = (sorted: number[], p: number): number =>
	sorted.length
		? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0)
		: 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
	await admin(`create database ${dbName}`);
	const url = new URL(args.db);
	url.pathname = `/${dbName}`;
	const secret = randomBytes(32).toString('hex');
	const dataDir = mkdtempSync(join(tmpdir(), 'kith-bench-chat-'));
	const servers: Server[] = [];
	try {
		console.log(`seeding ${CLIENTS} people in ${Math.ceil(CLIENTS / ROOM)} rooms…`);
		const people = await seed(url.toString(), secret, dataDir);
		process.env.DATABASE_URL = url.toString();
		process.env.KITH_SECRET = secret;
		process.env.KITH_SIGNIN_LIMIT = '1000';
		const workers = Number(args.workers);
		// serve.js runs one worker per core on PostgreSQL unless told: two instances of one each.
		process.env.KITH_WORKERS = String(workers > 0 ? workers : 1);
		for (let i = 0; i < (workers > 0 ? 1 : 2); i++)
			servers.push(spawnServer(dataDir, await freePort()));
		await Promise.all(servers.map((s) => waitFor200(`${s.origin}/readyz`, s.child, 60_000)));
		// Cluster mode: both "instances" of the clients are the one port.
		if (servers.length === 1 && servers[0]) servers.push(servers[0]);
		const peak = servers.map(() => 0);
		const sampler = setInterval(() => {
			servers.forEach((s, i) => (peak[i] = Math.max(peak[i] ?? 0, rssMb(s.child.pid))));
		}, 500);

		const stats: Stats = {
			latencies: [],
			replayed: 0,
			duplicates: 0,
			reconnects: 0,
			posted: new Map(),
			failedPosts: 0,
			postMs: []
		};
		const clients = people.map((p, i) => new Client(p, i, servers, stats));
		const t0 = Date.now();
		for (let i = 0; i < clients.length; i += 50)
			await Promise.all(clients.slice(i, i + 50).map((c) => c.connect()));
		console.log(`${clients.length} clients connected in ${Date.now() - t0} ms`);
		const idle = servers.map((s) => rssMb(s.child.pid));

		// Each client posts every INTERVAL_MS (staggered) and reconnects once at a random moment.
		const end = Date.now() + SECONDS * 1000;
		await Promise.all(
			clients.map(async (c) => {
				const reconnectAt = Date.now() + Math.random() * SECONDS * 1000;
				let reconnected = false;
				await sleep(Math.random() * INTERVAL_MS);
				for (let seq = 0; Date.now() < end; seq++) {
					await c.post(seq).catch(() => stats.failedPosts++);
					if (!reconnected && Date.now() >= reconnectAt) {
						reconnected = true;
						await c.reconnect().catch(() => undefined);
					}
					await sleep(INTERVAL_MS);
				}
			})
		);
		// Let the last deliveries arrive: wait until nothing new came for 3 s (at most 60 s).
		const drainEnd = Date.now() + 60_000;
		let seen = -1;
		while (Date.now() < drainEnd) {
			const now = stats.latencies.length + stats.replayed + stats.duplicates;
			if (now === seen) break;
			seen = now;
			await sleep(3000);
		}
		clearInterval(sampler);

		let lost = 0;
		for (const c of clients) {
			for (const key of stats.posted.get(c.p.sessionId) ?? []) if (!c.received.has(key)) lost++;
		}
		const posted = [...stats.posted.values()].reduce((n, s) => n + s.size, 0);
		const sorted = [...stats.latencies].sort((a, b) => a - b);
		const report = {
			clients: CLIENTS,
			rooms: Math.ceil(CLIENTS / ROOM),
			seconds: SECONDS,
			postIntervalSeconds: INTERVAL_MS / 1000,
			messagesPosted: posted,
			failedPosts: stats.failedPosts,
			liveDeliveries: sorted.length,
			replayedAfterReconnect: stats.replayed,
			forcedReconnects: stats.reconnects,
			latencyMs: {
				p50: pct(sorted, 50),
				p95: pct(sorted, 95),
				p99: pct(sorted, 99),
				max: sorted.at(-1) ?? 0
			},
			postMs: (() => {
				const p = [...stats.postMs].sort((a, b) => a - b);
				return { p50: pct(p, 50), p95: pct(p, 95), p99: pct(p, 99) };
			})(),
			lost,
			duplicated: stats.duplicates,
			rssMb: { idleAfterConnect: idle, peak }
		};
		console.log(JSON.stringify(report, null, 2));
		for (const c of clients) c.abort?.abort();
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		rmSync(dataDir, { recursive: true, force: true });
		await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
	}
}

await main();
process.exit(0);
