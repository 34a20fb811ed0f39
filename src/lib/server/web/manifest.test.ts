import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { getLocale, locales, overwriteGetLocale } from '../../paraglide/runtime.js';
import { webManifest } from './manifest';

const original = getLocale;
afterAll(() => overwriteGetLocale(original));

const site = { slug: 'demo', name: 'Riverside Recovery' };
const inLocale = (locale: string) => {
	overwriteGetLocale(() => locale as ReturnType<typeof getLocale>);
	return webManifest({ locale, site });
};

describe('web app manifest', () => {
	const english = inLocale('en');

	it.each(locales.filter((l) => l !== 'en'))('names the app in %s, not in English', (locale) => {
		const manifest = inLocale(locale);
		expect(manifest.lang).toBe(locale);
		expect(manifest.dir).toBe(locale === 'he' ? 'rtl' : 'ltr');
		expect(manifest.name).not.toBe(english.name);
		expect(manifest.description).toContain(site.name);
		expect(manifest.shortcuts[0]?.name).not.toBe(english.shortcuts[0]?.name);
	});

	it('opens on the member home as an app of its own, crisis help one long press away', () => {
		expect(english).toMatchObject({
			short_name: 'Kith',
			start_url: '/home',
			scope: '/',
			display: 'standalone'
		});
		expect(english.shortcuts[0]?.url).toBe('/crisis/demo');
		overwriteGetLocale(() => 'en');
		expect(webManifest({ locale: 'en', site: null }).shortcuts[0]?.url).toBe('/crisis');
	});

	it.each(english.icons.map((i) => [i.src, i.sizes] as const))(
		'%s is a PNG of %s in static/',
		(src, sizes) => {
			const png = readFileSync(new URL(`../../../../static${src}`, import.meta.url));
			expect(png.subarray(1, 4).toString()).toBe('PNG');
			expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(sizes);
		}
	);
});
