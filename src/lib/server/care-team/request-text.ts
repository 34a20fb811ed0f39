import { decryptText, encryptText } from '../crypto/encrypt';

// A request's words (the member's reason, the admin's answer) are bound to their row and field:
// a ciphertext moved to another request or field does not decrypt.
type Field = 'reason' | 'answer';
const context = (requestId: string, field: Field) => `care_team_request:${requestId}:${field}`;

/** The stored form of a request's text (AES-256-GCM, see crypto/encrypt.ts); null when empty. */
export const sealRequestText = (
	secret: string,
	requestId: string,
	field: Field,
	text: string | undefined
): string | null => (text ? encryptText(secret, text, context(requestId, field)) : null);

/** A stored request text, or null when none was written. */
export const openRequestText = (
	secret: string,
	requestId: string,
	field: Field,
	stored: string | null
): string | null =>
	stored === null ? null : decryptText(secret, stored, context(requestId, field));
