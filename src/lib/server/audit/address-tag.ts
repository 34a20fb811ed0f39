import { createHmac } from 'node:crypto';
import { derivedKey } from '../crypto/encrypt';

// A client's IP address is personal data, and counting refused requests needs only to know that
// two of them came from the same place. So an address is never stored: it is replaced by a keyed
// HMAC-SHA-256 of it (key derived from the instance secret, as the audit trail's key is, never in
// the database), cut to 16 hex digits. The same address gives the same tag, so repeated probing
// from one place still adds up; without the secret, a tag cannot be turned back into an address
// by trying every one (2^32 for IPv4 would be quick against a plain hash). Nothing of the network
// is kept either: grouping by range would make the tag easier to tie to a person, and blocking
// a range is done at the proxy, from its own logs (decision 0012).

/** Hex digits stored: 64 bits, so two addresses in a week never share a tag in practice. */
export const ADDRESS_TAG_LENGTH = 16;
/** Hex digits shown to admins: enough to tell the day's few addresses apart at a glance. */
export const ADDRESS_TAG_SHOWN = 10;

let key: Buffer | undefined;

/** Sets the address key from the instance secret; createApp calls it. */
export function useAddressSecret(secret: string): void {
	key = derivedKey(secret, 'kith address tag v1');
}

/** The pseudonym stored for a client address: same address, same tag, on this instance. */
export function addressTag(ip: string): string {
	if (!key)
		throw new Error('the address key is not set: createApp sets it from the instance secret');
	return createHmac('sha256', key).update(ip).digest('hex').slice(0, ADDRESS_TAG_LENGTH);
}

/** A stored tag as admins see it: its first ADDRESS_TAG_SHOWN digits. */
export const shownTag = (tag: string): string => tag.slice(0, ADDRESS_TAG_SHOWN);
