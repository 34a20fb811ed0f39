import { decryptText, encryptText } from '../crypto/encrypt';

// A note on a safety alert's step (a welfare check, a closing) is personal health data: encrypted
// at rest like reflections, bound to its alert so it cannot be copied to another.
const context = (alertId: string) => `safety-alert:${alertId}`;

export const sealAlertNote = (secret: string, alertId: string, note: string): string =>
	encryptText(secret, note, context(alertId));

export const openAlertNote = (secret: string, alertId: string, stored: string): string =>
	decryptText(secret, stored, context(alertId));
