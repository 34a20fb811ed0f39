import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { eq } from 'drizzle-orm';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Db } from '../db/client';
import { logger } from '../logger';
import * as schema from '../db/schema';

export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export type AuthMailer = {
	verifyEmail: (user: { id: string; email: string }, token: string) => Promise<void>;
	resetPassword: (user: { id: string; email: string }, token: string) => Promise<void>;
};

/**
 * better-auth owns accounts, passwords, sessions and the second factor. Kith calls it from its own
 * form actions (auth.api), so no better-auth HTTP route is mounted.
 */
export function authOptions(db: Db, opts: { secret: string; baseURL: string; mailer: AuthMailer }) {
	return {
		appName: 'Kith',
		secret: opts.secret,
		baseURL: opts.baseURL,
		database: drizzleAdapter(db, { provider: 'pg', schema }),
		// better-auth's own lines go to Kith's log, the message alone: its arguments carry a failed
		// query with its parameters, which can be a session token or an e-mail address.
		logger: {
			log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) =>
				logger[level]({ source: 'better-auth' }, message)
		},
		emailAndPassword: {
			enabled: true,
			requireEmailVerification: true,
			minPasswordLength: PASSWORD_MIN,
			maxPasswordLength: PASSWORD_MAX,
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: 60 * 60,
			sendResetPassword: async ({ user, token }) => opts.mailer.resetPassword(user, token)
		},
		emailVerification: {
			// Kith's sign-up sends the first link itself, once the membership exists: the mail needs
			// the person's site (outbox, language), which better-auth's own sign-up cannot know yet.
			sendOnSignUp: false,
			// A person who signs in before confirming gets a fresh link (err_email_not_verified says so).
			sendOnSignIn: true,
			autoSignInAfterVerification: false,
			expiresIn: 24 * 60 * 60,
			sendVerificationEmail: async ({ user, token }) => opts.mailer.verifyEmail(user, token)
		},
		session: {
			// Absolute lifetime: a session is never extended; idle time-outs are kept by Kith's hook.
			expiresIn: SESSION_ABSOLUTE_SECONDS,
			disableSessionRefresh: true,
			freshAge: 15 * 60,
			additionalFields: {
				activeSiteId: { type: 'string', required: false, input: false },
				lastSeenAt: { type: 'date', required: false, input: false }
			}
		},
		databaseHooks: {
			session: {
				create: {
					// "Don't remember me" sessions (Kith's sign-in) would get better-auth's fixed 1 day;
					// the absolute lifetime is 12 h for every session, whichever way it was made.
					before: async (data) => {
						// A turned-off account gets no new session, whichever way it signs in.
						const [owner] = await db
							.select({ disabledAt: schema.user.disabledAt })
							.from(schema.user)
							.where(eq(schema.user.id, data.userId))
							.limit(1);
						if (owner?.disabledAt) return false;
						const latest = new Date(Date.now() + SESSION_ABSOLUTE_SECONDS * 1000);
						const asked = new Date(data.expiresAt);
						return { data: { ...data, expiresAt: asked < latest ? asked : latest } };
					}
				}
			}
		},
		user: {
			additionalFields: {
				isPlatformAdmin: { type: 'boolean', required: false, defaultValue: false, input: false },
				disabledAt: { type: 'date', required: false, input: false }
			}
		},
		// Kith's own limiter guards its form actions; this covers anything reaching auth.handler.
		rateLimit: { enabled: true, storage: 'database', window: 60, max: 60 },
		advanced: {
			cookiePrefix: 'kith',
			useSecureCookies: opts.baseURL.startsWith('https://'),
			database: { generateId: () => crypto.randomUUID() }
		},
		telemetry: { enabled: false },
		plugins: [twoFactor({ issuer: 'Kith', skipVerificationOnEnable: false })]
	} satisfies BetterAuthOptions;
}

export function createAuth(db: Db, opts: Parameters<typeof authOptions>[1]) {
	return betterAuth(authOptions(db, opts));
}

export type Auth = ReturnType<typeof createAuth>;
