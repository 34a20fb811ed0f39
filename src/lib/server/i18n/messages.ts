import { m } from '../../paraglide/messages.js';
import type { MessageKey } from '../errors';

/** A message key from the catalogue, translated for the current request's language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	// One function per key with its own inputs: looked up by name, so called through one shape.
	const fn = (m as unknown as Record<string, ((p?: object) => string) | undefined>)[key];
	return fn ? fn(params ?? {}) : (m.err_invalid?.() ?? key);
}
