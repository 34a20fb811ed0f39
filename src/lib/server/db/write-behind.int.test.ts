// What a page leaves to write behind it must survive the database going away: kept while it is
// unreachable, written once it is back, each item once. The database here is a real PostgreSQL
// reached through a TCP relay the test cuts and restores, as a failover or a network break would.
// Needs PostgreSQL: skipped when only PGlite is tested (the board tests cover the rest on both).
// It also holds the pool to account: without releaseOnFailedBegin (client.ts) the BEGIN that
// fails on the cut connection keeps its client for ever, and the retry after the outage hangs.
import { describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import net, { type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client';
import { flushWritesBehind, writeBehind } from './write-behind';

const admin = process.env.TEST_DATABASE_URL;

/** A relay to the database server that can be cut (every connection dropped, none taken) and restored. */
async function relay(target: URL) {
	const sockets = new Set<net.Socket>();
	let server: net.Server | null = null;
	let port = 0;
	const open = () =>
		new Promise<void>((done) => {
			const s = net.createServer((client) => {
				const upstream = net.connect(Number(target.port || 5432), target.hostname);
				const end = () => {
					client.destroy();
					upstream.destroy();
				};
				for (const socket of [client, upstream]) {
					sockets.add(socket);
					socket.on('error', end);
					socket.on('close', () => {
						sockets.delete(socket);
						end();
					});
				}
				client.pipe(upstream).pipe(client);
			});
			s.listen(port, '127.0.0.1', () => {
				port = (s.address() as AddressInfo).port;
				server = s;
				done();
			});
		});
	const cut = () =>
		new Promise<void>((done) => {
			for (const socket of sockets) socket.destroy();
			if (server) server.close(() => done());
			else done();
			server = null;
		});
	await open();
	return { port: () => port, cut, restore: open };
}

describe.skipIf(!admin)('writes behind pages through a database outage', () => {
	it('are kept while the database is unreachable and written once, in full, when it is back', async () => {
		const name = `kith_behind_${randomBytes(5).toString('hex')}`;
		const owner = new pg.Client({ connectionString: admin });
		await owner.connect();
		await owner.query(`create database ${name}`);
		const direct = new URL(admin ?? '');
		direct.pathname = `/${name}`;
		const check = new pg.Client({ connectionString: direct.toString() });
		await check.connect();
		await check.query('create table probe (n int not null)');
		const written = async () =>
			(await check.query<{ n: number }>('select n from probe order by n')).rows.map((r) => r.n);

		const link = await relay(direct);
		const through = new URL(direct);
		through.hostname = '127.0.0.1';
		through.port = String(link.port());
		const database = openDatabase({ url: through.toString(), dataDir: 'memory://' });
		const uncaught: unknown[] = [];
		const onUncaught = (e: unknown) => uncaught.push(e);
		process.on('uncaughtException', onUncaught);
		const probes = writeBehind<number>({
			name: 'probe',
			key: String,
			lingerMs: 20,
			write: (tx, ns) =>
				tx.execute(
					sql`insert into probe (n) values ${sql.join(
						ns.map((n) => sql`(${n})`),
						sql`, `
					)}`
				)
		});
		try {
			probes.add(database.db, 1);
			await flushWritesBehind(database.db);
			expect(await written()).toEqual([1]);

			await link.cut();
			probes.add(database.db, 2);
			probes.add(database.db, 3);
			// The flush answers rather than waiting out the outage, and keeps what it could not write.
			await flushWritesBehind(database.db);
			expect(await written()).toEqual([1]);
			expect([...probes.pending(database.db, Date.now())]).toEqual(expect.arrayContaining([2, 3]));

			await link.restore();
			probes.add(database.db, 4);
			// Nobody flushes: the retry writes them within its back-off (0.5 s, then 1 s…).
			await vi.waitFor(async () => expect(await written()).toEqual([1, 2, 3, 4]), {
				timeout: 15_000,
				interval: 100
			});
			expect(uncaught).toEqual([]);
		} finally {
			process.off('uncaughtException', onUncaught);
			await database.close();
			await link.cut();
			await check.end();
			await owner.query(`drop database if exists ${name} with (force)`);
			await owner.end();
		}
	});
});
