import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../crypto/encrypt';
import type { Db } from '../db/client';
import { clearRateLimit, isRateLimited, takeRateLimit } from './rate-limit';

// Throttling password guessing without handing a stranger the power to lock the owner out
// (OWASP Authentication Cheat Sheet, "device cookies"; docs/decisions/0007-sign-in-throttling.md).
// Only wrong passwords count. A browser where an account has signed in before carries a device
// cookie for it; its attempts count against that device alone, so failures elsewhere never stop
// the owner on their own phone. Attempts from anywhere else count per account and client address,
// per account over all such addresses, and per address over all accounts. An owner refused on a
// new browser asks for a link by e-mail that makes that browser a known device.

export const DEVICE_COOKIE = 'kith_devices';
/** A device cookie is kept a year; it proves only that this account signed in here before. */
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
const DEVICES_PER_BROWSER = 5;
const WINDOW_SECONDS = 15 * 60;
const UNLOCK_SECONDS = 30 * 60;

const keyFor = (secret: string) => derivedKey(secret, 'kith sign-in devices v1');

const mac = (secret: string, ...parts: string[]) =>
	createHmac('sha256', keyFor(secret)).update(parts.join('\n')).digest('base64url').slice(0, 32);

function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

const entriesOf = (cookie: string | undefined) =>
	(cookie ?? '')
		.split('~')
		.map((entry) => entry.split('.'))
		.filter((parts): parts is [string, string] => parts.length === 2 && !!parts[0] && !!parts[1]);

/** The id of this browser's device entry for `email`, or null when it has none that is genuine. */
export function knownDevice(secret: string, cookie: string | undefined, email: string) {
	const found = entriesOf(cookie).find(([id, tag]) =>
		sameText(tag, mac(secret, 'device', id, email))
	);
	return found?.[0] ?? null;
}

/** The device cookie with an entry for `email` first (its old id kept), at most five accounts. */
export function withKnownDevice(secret: string, cookie: string | undefined, email: string) {
	const id = knownDevice(secret, cookie, email) ?? randomBytes(12).toString('base64url');
	const others = entriesOf(cookie).filter(([other]) => other !== id);
	return [[id, mac(secret, 'device', id, email)], ...others]
		.slice(0, DEVICES_PER_BROWSER)
		.map((parts) => parts.join('.'))
		.join('~');
}

/** A link's token that lets the browser opening it become a known device for `email`. */
export function unlockToken(secret: string, email: string, now = Date.now()): string {
	const expires = String(Math.floor(now / 1000) + UNLOCK_SECONDS);
	const address = Buffer.from(email).toString('base64url');
	return [address, expires, mac(secret, 'unlock', email, expires)].join('.');
}

/** The address an unexpired, genuine unlock token was made for; null for anything else. */
export function emailOfUnlockToken(secret: string, token: string, now = Date.now()) {
	const [address, expires, tag, ...rest] = token.split('.');
	if (!address || !expires || !tag || rest.length > 0 || !/^\d{1,12}$/.test(expires)) return null;
	if (Number(expires) * 1000 < now) return null;
	const email = Buffer.from(address, 'base64url').toString('utf8');
	return sameText(tag, mac(secret, 'unlock', email, expires)) ? email : null;
}

type Limit = { key: string; max: number };

/** The counters an attempt for `email` from this client is held to. */
function limitsFor(opts: { email: string; ip: string | null; device: string | null; max: number }) {
	const { email, device, max } = opts;
	const ip = opts.ip ?? 'unknown';
	if (device) return [{ key: `signin:fail:${email}:device:${device}`, max }];
	return [
		{ key: `signin:fail:${email}:ip:${ip}`, max },
		{ key: `signin:fail:${email}:elsewhere`, max: max * 4 },
		{ key: `signin:fail:ip:${ip}`, max: max * 6 }
	];
}

export type SignInThrottle = {
	/** Whether this client may try a password for this account now. */
	allowed: () => Promise<boolean>;
	/** Counts a wrong password. */
	failed: () => Promise<void>;
	/** A right password: this client's own count starts again. */
	succeeded: () => Promise<void>;
};

export function signInThrottle(
	db: Db,
	opts: { email: string; ip: string | null; device: string | null; max: number }
): SignInThrottle {
	const limits: Limit[] = limitsFor(opts);
	const windowSeconds = WINDOW_SECONDS;
	return {
		allowed: async () => {
			for (const limit of limits)
				if (await isRateLimited(db, { ...limit, windowSeconds })) return false;
			return true;
		},
		failed: async () => {
			for (const limit of limits) await takeRateLimit(db, { ...limit, windowSeconds });
		},
		succeeded: async () => {
			const own = limits[0];
			if (own) await clearRateLimit(db, own.key);
		}
	};
}
