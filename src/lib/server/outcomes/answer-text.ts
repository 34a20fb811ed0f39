import { decryptText, encryptText } from '../crypto/encrypt';

// A free-text answer is bound to its check-in and question: a ciphertext moved to another row
// does not decrypt.
const context = (responseId: string, linkId: string) => `checkin:${responseId}:${linkId}`;

/** The stored form of a free-text answer (AES-256-GCM, see crypto/encrypt.ts). */
export const sealAnswer = (secret: string, responseId: string, linkId: string, text: string) =>
	encryptText(secret, text, context(responseId, linkId));

/** A stored free-text answer. */
export const openAnswer = (secret: string, responseId: string, linkId: string, stored: string) =>
	decryptText(secret, stored, context(responseId, linkId));
