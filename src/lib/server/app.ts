import { readdirSync } from 'node:fs';
import { config, type Config } from './config';
import { migrationsFolder, openDatabase, type Database, type Db } from './db/client';
import { createAuth, type Auth } from './auth/auth.config';
import { createMailer, type Mailer } from './mail/mailer';
import { authMails } from './mail/auth-mails';
import { createBus, type RealtimeBus } from './realtime/bus';
import { randomUUID } from 'node:crypto';

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
	const db = database ?? openDatabase({ url: cfg.DATABASE_URL, dataDir: cfg.dataDir });
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
		await app.database.migrate();
		return app;
	})();
	return current;
}
