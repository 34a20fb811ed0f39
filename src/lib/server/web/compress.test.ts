import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncoding, compressed } from './compress';

const page =
	'<!doctype html><html><body>' + '<p>A reply on the board.</p>'.repeat(400) + '</body></html>';
const request = (acceptEncoding?: string) =>
	new Request('http://kith.test/groups/g/board', {
		headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
	});
const html = (body = page, type = 'text/html; charset=utf-8') =>
	new Response(body, { status: 200, headers: { 'content-type': type, 'x-kept': 'yes' } });

describe('compressing pages', () => {
	it('prefers Brotli, then gzip, and honours q=0', () => {
		expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(acceptedEncoding('gzip, br;q=0')).toBe('gzip');
		expect(acceptedEncoding('identity')).toBeNull();
		expect(acceptedEncoding(null)).toBeNull();
	});

	it('sends a page in Brotli or gzip that decodes to the same bytes, headers kept', async () => {
		const br = await compressed(request('br, gzip'), html());
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(br.headers.get('x-kept')).toBe('yes');
		const packed = Buffer.from(await br.arrayBuffer());
		expect(packed.byteLength).toBeLessThan(page.length / 10);
		expect(brotliDecompressSync(packed).toString()).toBe(page);

		const gz = await compressed(request('gzip'), html());
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(page);
	});

	it('leaves alone what must not or need not be compressed', async () => {
		const stream = await compressed(request('br'), html(page, 'text/event-stream'));
		expect(stream.headers.get('content-encoding')).toBeNull();
		const small = await compressed(request('br'), html('<p>hi</p>'));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('<p>hi</p>');
		const plain = await compressed(request(), html());
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(page);
	});
});
