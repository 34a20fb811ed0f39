import { z } from 'zod';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Environment, parsed once. A missing or malformed setting stops start-up with a message that
 * names the setting; nothing else in the server reads process.env.
 */
const ZEnv = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional(),
	/**
	 * The database's owner, for migrations only. With it, Kith runs as DATABASE_URL's role, which
	 * may insert audit records but not change them, nor alter the table or its triggers.
	 */
	DATABASE_OWNER_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional(),
	KITH_DATA_DIR: z.string().min(1).default('./data'),
	KITH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	ORIGIN: z.url('must be a URL such as https://kith.example.org').default('http://localhost:3000'),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
		.optional(),
	MAIL_FROM: z.string().min(3).default('Kith <no-reply@kith.local>'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	KITH_SIGNIN_LIMIT: z.coerce.number().int().positive().default(5),
	/** `off` stops this instance from sending group-session reminders (another one may). */
	KITH_REMINDERS: z.enum(['on', 'off']).default('on'),
	/** How often an instance looks for sessions to announce; the journeys use a few seconds. */
	KITH_REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
	/** How often an instance looks for due jobs of the scheduler (scheduler/, decision 0010). */
	KITH_JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(2),
	/** How often an instance writes the refused requests it counted (audit/access-denials.ts). */
	KITH_DENIAL_FLUSH_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
	NODE_ENV: z.string().default('development')
});

export type Config = z.infer<typeof ZEnv> & { secret: string; dataDir: string };

let cached: Config | undefined;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): z.infer<typeof ZEnv> {
	const parsed = ZEnv.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Kith cannot start: invalid configuration\n${lines.join('\n')}`);
	}
	if (parsed.data.DATABASE_OWNER_URL && !parsed.data.DATABASE_URL)
		throw new ConfigError(
			'Kith cannot start: DATABASE_OWNER_URL is for migrations of the DATABASE_URL database; set DATABASE_URL too'
		);
	return parsed.data;
}

/** The secret signs sessions; without KITH_SECRET it is made once and kept in the data folder. */
function resolveSecret(env: z.infer<typeof ZEnv>): string {
	if (env.KITH_SECRET) return env.KITH_SECRET;
	if (env.DATABASE_URL && env.NODE_ENV === 'production') {
		throw new ConfigError(
			'Kith cannot start: KITH_SECRET is required when DATABASE_URL is set in production, so that every instance signs sessions with the same key'
		);
	}
	mkdirSync(env.KITH_DATA_DIR, { recursive: true });
	const file = join(env.KITH_DATA_DIR, 'secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	// Several processes may start at once on a new data folder (the workers of scripts/serve.js):
	// the secret is written whole under another name and linked into place, and the first link
	// wins, so every process reads the same one.
	const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
	writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600 });
	try {
		linkSync(tmp, file);
	} catch (e) {
		if ((e as { code?: string }).code !== 'EEXIST') throw e;
	} finally {
		unlinkSync(tmp);
	}
	return readFileSync(file, 'utf8').trim();
}

export function config(): Config {
	if (!cached) {
		const env = parseConfig(process.env);
		cached = { ...env, secret: resolveSecret(env), dataDir: env.KITH_DATA_DIR };
	}
	return cached;
}
