import { describe, expect, it } from 'vitest';
import { addressTag, shownTag, useAddressSecret } from './address-tag';

describe('the code an address is counted under', () => {
	it('is the same for one address, different for another, and holds nothing of the address', () => {
		useAddressSecret('one instance secret');
		const tag = addressTag('203.0.113.7');
		expect(tag).toMatch(/^[0-9a-f]{16}$/);
		expect(addressTag('203.0.113.7')).toBe(tag);
		expect(addressTag('203.0.113.8')).not.toBe(tag);
		expect(shownTag(tag)).toBe(tag.slice(0, 10));
		// Keyed: another instance's secret gives another code, so a code is no hash anyone can redo.
		useAddressSecret('another instance secret');
		expect(addressTag('203.0.113.7')).not.toBe(tag);
	});
});
