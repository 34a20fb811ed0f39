import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures/test';
import { root } from '../fixtures/instances';

test.describe('security headers', () => {
	for (const path of ['/', '/signin', '/crisis/demo', '/healthz', '/no-such-page']) {
		test(`${path} forbids framing, sniffing, cross-site referrers and inline script`, async ({
			request
		}) => {
			const res = await request.get(path, { maxRedirects: 0 });
			const h = res.headers();
			expect(h['x-content-type-options']).toBe('nosniff');
			expect(h['referrer-policy']).toBe('same-origin');
			expect(h['x-frame-options']).toBe('DENY');
			const csp = h['content-security-policy'] ?? '';
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).not.toContain('unsafe-inline');
			expect(csp).not.toContain('unsafe-eval');
		});
	}

	test('pages carry a script policy without unsafe-inline, and no stack trace ever reaches a page', async ({
		request
	}) => {
		const res = await request.get('/signin');
		const csp = res.headers()['content-security-policy'] ?? '';
		expect(csp).toMatch(/script-src 'self'/);
		const missing = await request.get('/admin/people/../../etc/passwd', { maxRedirects: 0 });
		expect(missing.status()).toBeLessThan(500);
		expect(await missing.text()).not.toMatch(/at .*\.(js|ts):\d+/);
	});

	test('scripts, styles and static files forbid type sniffing too', async ({ request }) => {
		// Public pages ship no script, so the built files are listed from the build itself.
		const built = (dir: string, ext: string) =>
			readdirSync(join(root, 'build/client/_app/immutable', dir))
				.filter((name) => name.endsWith(ext))
				.map((name) => `/_app/immutable/${dir}/${name}`)
				.slice(0, 1);
		const assets = [...built('entry', '.js'), ...built('assets', '.css')];
		expect(assets).toHaveLength(2);
		for (const path of [...assets, '/favicon.svg']) {
			const res = await request.get(path);
			expect(res.status(), path).toBe(200);
			expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
		}
	});

	test('pages travel compressed to a browser that accepts it', async ({ request }) => {
		const res = await request.get('/signin', { headers: { 'accept-encoding': 'br, gzip' } });
		expect(res.status()).toBe(200);
		expect(res.headers()['content-encoding']).toBe('br');
		expect(res.headers()['vary']).toMatch(/Accept-Encoding/i);
		// Playwright decodes it: the page itself is intact.
		expect(await res.text()).toContain('</html>');
	});

	test('liveness and readiness answer', async ({ request }) => {
		expect((await request.get('/healthz')).status()).toBe(200);
		const ready = await request.get('/readyz');
		expect(ready.status()).toBe(200);
		expect(await ready.text()).toBe('ready');
	});
});
