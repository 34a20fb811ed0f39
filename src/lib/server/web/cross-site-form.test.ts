import { describe, expect, it } from 'vitest';
import { crossSiteFormRefusal, isCrossSiteForm } from './cross-site-form';

const origin = 'https://kith.example';
const request = (method: string, headers: Record<string, string>) =>
	new Request(`${origin}/goals?/create`, {
		method,
		headers,
		body: method === 'GET' || method === 'HEAD' ? undefined : 'x=1'
	});

describe('a form sent from another site', () => {
	it.each([
		['application/x-www-form-urlencoded'],
		['multipart/form-data; boundary=----x'],
		['text/plain'],
		['TEXT/PLAIN;charset=UTF-8'],
		['application/x-sveltekit-formdata']
	])('is refused when its body is %s', (type) => {
		for (const from of ['https://evil.example', 'null', 'http://kith.example'])
			expect(isCrossSiteForm(request('POST', { 'content-type': type, origin: from }), origin)).toBe(
				true
			);
		// No Origin at all is refused too, as SvelteKit does.
		expect(isCrossSiteForm(request('POST', { 'content-type': type }), origin)).toBe(true);
	});

	it.each(['PUT', 'PATCH', 'DELETE'])('is refused for %s as for POST', (method) => {
		const r = request(method, { 'content-type': 'text/plain', origin: 'https://evil.example' });
		expect(isCrossSiteForm(r, origin)).toBe(true);
	});

	it('from this very origin goes through', () => {
		const r = request('POST', { 'content-type': 'multipart/form-data', origin });
		expect(isCrossSiteForm(r, origin)).toBe(false);
	});

	it.each([['application/json'], ['application/octet-stream']])(
		'is not a form when its body is %s: CORS stops those from other sites',
		(type) => {
			const r = request('POST', { 'content-type': type, origin: 'https://evil.example' });
			expect(isCrossSiteForm(r, origin)).toBe(false);
		}
	);

	it('does not concern reading methods', () => {
		const r = request('GET', { 'content-type': 'text/plain', origin: 'https://evil.example' });
		expect(isCrossSiteForm(r, origin)).toBe(false);
	});

	it('is answered as SvelteKit answers it, in text or JSON as asked', async () => {
		const plain = crossSiteFormRefusal(request('POST', {}));
		expect(plain.status).toBe(403);
		expect(await plain.text()).toBe('Cross-site POST form submissions are forbidden');
		const asJson = crossSiteFormRefusal(request('DELETE', { accept: 'application/json' }));
		expect(asJson.status).toBe(403);
		expect(await asJson.json()).toEqual({
			message: 'Cross-site DELETE form submissions are forbidden'
		});
	});
});
