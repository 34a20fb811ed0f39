import { readdirSync } from 'node:fs';
import { config, type Config } from './config';
import {
	migrationsFolder,
	openDatabase,
	ownsAuditTrail,
	type Database,
	type Db
} from './db/client';
import { createAuth, type Auth } from './auth/auth.config';
import { createMailer, type Mailer } from './mail/mailer';
import { authMails } from './mail/auth-mails';
import { createBus, type RealtimeBus } from './realtime/bus';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from './db/unavailable';
import { logger } from './logger';
import { useAuditSecret } from './audit/audit-mac';
import { useAddressSecret } from './audit/address-tag';

/** The process-wide services one Kith instance runs with. Tests build their own with createApp. */
export type App = {
	config: Config;
	database: Database;
	db: Db;
	auth: Auth;
	mailer: Mailer;
	migrationCount: number;
	/** Notifications between instances (live rooms). */
	realtime: RealtimeBus;
	/** This process, for per-instance rows such as live-room presence. */
	instanceId: string;
};

export function createApp(cfg: Config, database?: Database): App {
	useAuditSecret(cfg.secret);
	useAddressSecret(cfg.secret);
	const db =
		database ??
		openDatabase({
			url: cfg.DATABASE_URL,
			ownerUrl: cfg.DATABASE_OWNER_URL,
			dataDir: cfg.dataDir
		});
	const mailer = createMailer({ smtpUrl: cfg.SMTP_URL, from: cfg.MAIL_FROM, dataDir: cfg.dataDir });
	const auth = createAuth(db.db, {
		secret: cfg.secret,
		baseURL: cfg.ORIGIN,
		mailer: authMails({ db: db.db, mailer, origin: cfg.ORIGIN })
	});
	const migrationCount = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;
	const realtime = createBus(db, cfg.DATABASE_URL);
	return {
		config: cfg,
		database: db,
		db: db.db,
		auth,
		mailer,
		migrationCount,
		realtime,
		instanceId: randomUUID()
	};
}

let current: Promise<App> | undefined;

/** The instance's App, migrated and ready; created on first use. */
export function getApp(): Promise<App> {
	current ??= (async () => {
		const app = createApp(config());
		await migrateWhenReachable(app.database);
		if (await ownsAuditTrail(app.database))
			logger.warn(
				'Kith connects as the owner of its database, so it could switch the audit trail’s triggers off: give it a role of its own in DATABASE_URL and the owner in DATABASE_OWNER_URL (README, "Database roles")'
			);
		return app;
	})();
	return current;
}

/**
 * Migrates, waiting for a database that is not up yet (an instance started during a failover, or
 * before its database): retries with back-off from 0.5 s to 10 s instead of exiting. Any other
 * failure (a broken migration) still stops start-up.
 */
export async function migrateWhenReachable(database: Database, maxDelayMs = 10_000): Promise<void> {
	for (let delay = 500; ; delay = Math.min(delay * 2, maxDelayMs)) {
		try {
			await database.migrate();
			return;
		} catch (e) {
			if (!isDatabaseUnavailable(e)) throw e;
			logger.warn({ retryInMs: delay }, 'database unreachable at start-up; waiting');
			await sleep(delay);
		}
	}
}
