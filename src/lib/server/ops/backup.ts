import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../db/client';

/**
 * Backups. PostgreSQL: `pg_dump` custom format, one consistent snapshot even while Kith runs.
 * PGlite: a tarball of the embedded data folder, taken through PGlite itself; the embedded
 * database belongs to one process, so Kith is stopped while the command runs.
 */
export type BackupKind = 'pglite' | 'postgres';

const MAGIC_PG = 'PGDMP';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
		let err = '';
		child.stderr.on('data', (d: Buffer) => (err += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${cmd} failed: ${err.trim()}`))
		);
	});
}

/** Writes a consistent backup of the database to `file`. */
export async function backupDatabase({
	database,
	url,
	file
}: {
	database: Database;
	url?: string;
	file: string;
}): Promise<BackupKind> {
	mkdirSync(dirname(file), { recursive: true });
	if (database.kind === 'postgres') {
		if (!url) throw new Error('DATABASE_URL is needed to back up PostgreSQL');
		await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, url]);
		return 'postgres';
	}
	const pglite = database.raw.pglite;
	if (!pglite) throw new Error('no embedded database is open');
	// PGlite's own gzip option never settles under Node; compress with zlib instead.
	await pglite.waitReady;
	const blob = await pglite.dumpDataDir('none');
	writeFileSync(file, gzipSync(Buffer.from(await blob.arrayBuffer())), { mode: 0o600 });
	return 'pglite';
}

/** The kind of backup a file holds, from its first bytes. */
export function backupKindOf(file: string): BackupKind {
	const head = readFileSync(file).subarray(0, 5).toString('latin1');
	return head === MAGIC_PG ? 'postgres' : 'pglite';
}

/**
 * Replaces the database's content with a backup. PostgreSQL: objects are dropped and recreated
 * from the dump. PGlite: the data folder is moved aside (kept as pglite.before-restore-<time>) and
 * rebuilt from the tarball.
 */
export async function restoreDatabase({
	kind,
	url,
	dataDir,
	file
}: {
	kind: BackupKind;
	url?: string;
	dataDir: string;
	file: string;
}): Promise<{ keptPrevious: string | null }> {
	if (!existsSync(file)) throw new Error(`no backup file at ${file}`);
	if (backupKindOf(file) !== kind) {
		throw new Error(
			`${file} is a ${backupKindOf(file)} backup; the configured database is ${kind}`
		);
	}
	if (kind === 'postgres') {
		if (!url) throw new Error('DATABASE_URL is needed to restore PostgreSQL');
		await run('pg_restore', [
			'--clean',
			'--if-exists',
			'--no-owner',
			'--no-privileges',
			'--single-transaction',
			'--dbname',
			url,
			file
		]);
		return { keptPrevious: null };
	}
	const dir = join(dataDir, 'pglite');
	let keptPrevious: string | null = null;
	if (existsSync(dir)) {
		keptPrevious = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(dir, keptPrevious);
	}
	try {
		mkdirSync(dir, { recursive: true });
		const restored = new PGlite(dir, { loadDataDir: new Blob([gunzipSync(readFileSync(file))]) });
		await restored.query('select 1');
		await restored.close();
	} catch (e) {
		rmSync(dir, { recursive: true, force: true });
		if (keptPrevious) renameSync(keptPrevious, dir);
		throw e;
	}
	return { keptPrevious };
}
