import { decryptText, encryptText } from '../crypto/encrypt';

// A map's words (labels, a snapshot's items) are bound to their row and owner: a ciphertext moved
// to another row or person does not decrypt.
type Row = { ownerId: string; table: 'item' | 'snapshot' | 'suggestion'; id: string };
const context = (r: Row) => `network_${r.table}:${r.ownerId}:${r.id}`;

/** The stored form of a map's text (AES-256-GCM, see crypto/encrypt.ts). */
export const sealNetworkText = (secret: string, row: Row, text: string): string =>
	encryptText(secret, text, context(row));

/** A map's stored text. */
export const openNetworkText = (secret: string, row: Row, stored: string): string =>
	decryptText(secret, stored, context(row));
