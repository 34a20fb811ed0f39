// Starts one Kith instance for the Playwright journeys: a fresh database (PGlite in a temp folder,
// or a new PostgreSQL database), the demo site "demo" (no second factor) and a second site
// "other" whose staff must enrol one. Usage: tsx tests/e2e/server.ts <pglite|postgres> <port>
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DENIALS_READER_EMAIL, E2E_PASSWORD, SITE_OPENER_EMAIL } from './fixtures/accounts';

const [kind = 'pglite', port = '3100'] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), `kith-e2e-${kind}-`));
const env: NodeJS.ProcessEnv = {
	...process.env,
	KITH_DATA_DIR: dataDir,
	KITH_SECRET: randomBytes(32).toString('hex'),
	PORT: port,
	ORIGIN: `http://localhost:${port}`,
	LOG_LEVEL: 'warn',
	KITH_SIGNIN_LIMIT: '50',
	// In-app reminders of a session scheduled during a journey appear within seconds.
	KITH_REMINDER_INTERVAL_SECONDS: '5',
	// Refused requests reach the audit page within a second or two.
	KITH_DENIAL_FLUSH_SECONDS: '1',
	// One process, as the journeys were written for; cluster mode has a journey of its own
	// (scale/cluster.e2e.ts). KITH_E2E_WORKERS=2 runs every journey against two workers.
	KITH_WORKERS: process.env.KITH_E2E_WORKERS ?? '1'
};
delete env.DATABASE_URL;
delete env.DATABASE_OWNER_URL;

let dropDatabase: (() => Promise<void>) | undefined;
if (kind === 'postgres') {
	const admin = process.env.TEST_DATABASE_URL;
	if (!admin) throw new Error('TEST_DATABASE_URL is not set');
	// A journey that reads the database itself (hostile-input) names it; the others get a fresh name.
	const name = process.env.KITH_E2E_DATABASE ?? `kith_e2e_${randomBytes(5).toString('hex')}`;
	if (!/^kith_e2e_\w+$/.test(name)) throw new Error(`KITH_E2E_DATABASE must be kith_e2e_…`);
	// Kith runs as a role of its own, as a deployment should: the owner migrates and grants it
	// what it needs, so every journey on PostgreSQL shows the app works with no more than that.
	const role = `${name}_app`;
	const c = new pg.Client({ connectionString: admin });
	await c.connect();
	await c.query(`create database ${name}`);
	await c.query(`create role ${role} login`);
	await c.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	env.DATABASE_OWNER_URL = url.toString();
	url.username = role;
	env.DATABASE_URL = url.toString();
	dropDatabase = async () => {
		const d = new pg.Client({ connectionString: admin });
		await d.connect();
		await d.query(`drop database if exists ${name} with (force)`);
		await d.query(`drop role if exists ${role}`);
		await d.end();
	};
}

const kith = (...args: string[]) => {
	const r = spawnSync('npx', ['tsx', 'src/cli/kith.ts', ...args], { env, stdio: 'inherit' });
	if (r.status !== 0) throw new Error(`kith ${args[0]} failed`);
};
kith('setup', '--no-demo');
kith('seed:demo', '--password', E2E_PASSWORD);
kith(
	'seed:demo',
	'--password',
	E2E_PASSWORD,
	'--slug',
	'other',
	'--name',
	'Other Service',
	'--email-domain',
	'other.kith.local',
	'--second-factor'
);
// A platform admin of its own for the journey that opens a site: it enrols the second step
// platform admins need, which the shared one must not (the access matrix expects it missing).
kith(
	'platform-admin:create',
	'--email',
	SITE_OPENER_EMAIL,
	'--name',
	'Petra Opener',
	'--password',
	E2E_PASSWORD
);
// And one for the journey that reads refusals to visitors, which enrols its second step too.
kith(
	'platform-admin:create',
	'--email',
	DENIALS_READER_EMAIL,
	'--name',
	'Wanda Watcher',
	'--password',
	E2E_PASSWORD
);

const server = spawn(process.execPath, ['scripts/serve.js'], { env, stdio: 'inherit' });
const stop = async () => {
	server.kill('SIGTERM');
	await dropDatabase?.().catch(() => undefined);
	rmSync(dataDir, { recursive: true, force: true });
	process.exit(0);
};
// A signal handler's result is not awaited by anyone; stop() ends the process itself.
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
server.on('exit', (code) => {
	if (code !== null && code !== 0) process.exit(code);
});
