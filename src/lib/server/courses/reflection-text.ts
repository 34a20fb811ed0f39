import { decryptText, encryptText } from '../crypto/encrypt';

// A reflection's text is bound to its row (person, lesson, prompt): a ciphertext moved to another
// row does not decrypt.
type Where = { userId: string; lessonId: string; promptKey: string };
const context = (w: Where) => `reflection:${w.userId}:${w.lessonId}:${w.promptKey}`;

/** The stored form of a reflection's text (AES-256-GCM, see crypto/encrypt.ts). */
export const sealReflection = (secret: string, where: Where, body: string): string =>
	encryptText(secret, body, context(where));

/** A stored reflection's text. */
export const openReflection = (secret: string, where: Where, stored: string): string =>
	decryptText(secret, stored, context(where));
