import { describe, expect, it } from 'vitest';
import { decryptText, encryptText } from './encrypt';

const secret = 'a'.repeat(64);

describe('encrypted personal text', () => {
	it('round-trips text in any script, and never shows the plaintext', () => {
		const text = 'Ich gehe spazieren — ฉันเดินเล่น 🌱 <script>alert(1)</script>';
		const stored = encryptText(secret, text, 'ctx');
		expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
		expect(stored).not.toContain('spazieren');
		expect(decryptText(secret, stored, 'ctx')).toBe(text);
	});

	it('uses a fresh IV each time', () => {
		expect(encryptText(secret, 'same')).not.toBe(encryptText(secret, 'same'));
	});

	it('refuses another key, another context and an altered ciphertext', () => {
		const stored = encryptText(secret, 'private words', 'row-1');
		expect(() => decryptText('b'.repeat(64), stored, 'row-1')).toThrow();
		expect(() => decryptText(secret, stored, 'row-2')).toThrow();
		const [v, iv, tag, body = ''] = stored.split(':');
		const flipped = (body.startsWith('A') ? 'B' : 'A') + body.slice(1);
		expect(() => decryptText(secret, [v, iv, tag, flipped].join(':'), 'row-1')).toThrow();
		expect(() => decryptText(secret, 'v0:x:y:z', 'row-1')).toThrow();
	});
});
