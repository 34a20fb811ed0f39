import { describe, expect, it } from 'vitest';
import { withRemoteMedia } from './csp';

describe('content security policy for sites that allow remote media', () => {
	it('adds https images and audio and keeps every other directive', () => {
		const csp = "default-src 'self'; img-src 'self' data:; script-src 'self' 'nonce-abc'";
		expect(withRemoteMedia(csp)).toBe(
			"default-src 'self'; img-src 'self' data: https:; script-src 'self' 'nonce-abc'; media-src 'self' https:"
		);
	});
});
