import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Personal text at rest (reflections): AES-256-GCM with a key derived by HKDF-SHA-256 from the
// instance secret, so no second secret has to be managed. Stored as
// `v1:<iv>:<tag>:<ciphertext>` (base64url); the version prefix lets a later key or algorithm
// change read old rows. The optional `context` is bound as associated data, so a ciphertext
// copied into another row (another person, lesson or prompt) fails to decrypt.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

/** A 32-byte key derived by HKDF-SHA-256 from the instance secret for one purpose (`info`). */
export function derivedKey(secret: string, info: string): Buffer {
	const id = `${info}\n${secret}`;
	let key = keys.get(id);
	if (!key) {
		key = Buffer.from(hkdfSync('sha256', secret, 'kith', info, 32));
		keys.set(id, key);
	}
	return key;
}

const keyFor = (secret: string) => derivedKey(secret, 'kith personal text v1');

/** Encrypts `plaintext` for storage; every call uses a fresh random IV. */
export function encryptText(secret: string, plaintext: string, context = ''): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: TAG_BYTES });
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [VERSION, iv, tag, body]
		.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
		.join(':');
}

/** Decrypts a value made by encryptText; throws when it was altered or the key/context differ. */
export function decryptText(secret: string, stored: string, context = ''): string {
	const [version, iv, tag, body, ...rest] = stored.split(':');
	if (
		version !== VERSION ||
		iv === undefined ||
		tag === undefined ||
		body === undefined ||
		rest.length > 0
	)
		throw new Error('unknown encrypted text format');
	const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'), {
		authTagLength: TAG_BYTES
	});
	decipher.setAAD(Buffer.from(context, 'utf8'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([
		decipher.update(Buffer.from(body, 'base64url')),
		decipher.final()
	]).toString('utf8');
}
