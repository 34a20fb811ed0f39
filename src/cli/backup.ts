import { resolve } from 'node:path';
import { config } from '../lib/server/config';
import { openDatabase } from '../lib/server/db/client';
import { backupDatabase, restoreDatabase } from '../lib/server/ops/backup';
import type { Command } from './command';

export const backupCommand: Command = {
	summary: 'write a consistent backup of the database',
	help: [
		'Usage: npm run kith -- backup --out <file>',
		'',
		'PostgreSQL (DATABASE_URL set): a pg_dump snapshot; Kith may keep running.',
		'Embedded PGlite: a tarball of ./data/pglite; stop Kith first (the embedded database has one owner).'
	].join('\n'),
	options: { out: { type: 'string' } },
	run: async (v) => {
		if (typeof v.out !== 'string' || !v.out) {
			console.error('backup: --out <file> is required\n\n' + backupCommand.help);
			return 2;
		}
		const cfg = config();
		const database = openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.dataDir });
		try {
			const kind = await backupDatabase({ database, url: cfg.DATABASE_URL, file: resolve(v.out) });
			console.log(`Backup (${kind}) written to ${resolve(v.out)}.`);
			return 0;
		} finally {
			await database.close();
		}
	}
};

export const restoreCommand: Command = {
	summary: 'restore a backup made by `kith backup`',
	help: [
		'Usage: npm run kith -- restore --in <file> --yes',
		'',
		'Replaces the configured database with the backup. Stop every Kith instance first.',
		'With PGlite the current data folder is kept beside it as pglite.before-restore-<time>.',
		'--yes confirms that the current data may be replaced.'
	].join('\n'),
	options: { in: { type: 'string' }, yes: { type: 'boolean' } },
	run: async (v) => {
		if (typeof v.in !== 'string' || !v.in) {
			console.error('restore: --in <file> is required\n\n' + restoreCommand.help);
			return 2;
		}
		if (v.yes !== true) {
			console.error('restore: this replaces the current database; add --yes to confirm');
			return 2;
		}
		const cfg = config();
		const { keptPrevious } = await restoreDatabase({
			kind: cfg.DATABASE_URL ? 'postgres' : 'pglite',
			// The tables are replaced, which only their owner may do; the next start grants Kith's
			// own role its rights again (db/client.ts).
			url: cfg.DATABASE_OWNER_URL ?? cfg.DATABASE_URL,
			dataDir: cfg.dataDir,
			file: resolve(v.in)
		});
		console.log(
			`Restored from ${resolve(v.in)}.${keptPrevious ? ` The previous data is kept at ${keptPrevious}.` : ''}`
		);
		return 0;
	}
};
