import { decryptText, encryptText } from '../crypto/encrypt';
import type { PlanBody } from './plan-sections';

// A plan version's sections are one JSON object, encrypted with the personal-text key and bound
// to its plan and version: a ciphertext moved to another row does not decrypt.
type Where = { planId: string; version: number };
const context = (w: Where) => `plan:${w.planId}:${w.version}`;

/** The stored form of a plan version's sections (AES-256-GCM, see crypto/encrypt.ts). */
export const sealPlan = (secret: string, where: Where, body: PlanBody): string =>
	encryptText(secret, JSON.stringify(body), context(where));

/** A stored plan version's sections; only string values are kept. */
export function openPlan(secret: string, where: Where, stored: string): PlanBody {
	const parsed: unknown = JSON.parse(decryptText(secret, stored, context(where)));
	const body: PlanBody = {};
	if (parsed && typeof parsed === 'object')
		for (const [key, value] of Object.entries(parsed))
			if (typeof value === 'string') body[key] = value;
	return body;
}
