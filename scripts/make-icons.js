// Draws Kith's app icons (static/icons/*.png) from the mark in static/favicon.svg, with the
// project's own Chromium: `node scripts/make-icons.js`. The PNGs are committed; run this
// again only when the mark or the colours change.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
// The manifest's theme and background colours (src/lib/server/web/manifest.ts).
const themeColor = '#21614f';
const backgroundColor = '#ffffff';

/** The mark: a ring. `bleed` paints the whole square (maskable and Apple icons are cropped). */
/** @param {boolean} bleed */
const mark = (bleed) => {
	// A maskable icon's safe zone is the centred circle of 80% of its width.
	const [outer, inner] = bleed ? [0.3, 0.13] : [0.47, 0.2];
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" width="100%" height="100%">
		${bleed ? `<rect width="1" height="1" fill="${themeColor}"/>` : ''}
		<circle cx="0.5" cy="0.5" r="${outer}" fill="${bleed ? backgroundColor : themeColor}"/>
		<circle cx="0.5" cy="0.5" r="${inner}" fill="${bleed ? themeColor : backgroundColor}"/>
	</svg>`;
};

const icons = [
	{ file: 'icon-192.png', size: 192, bleed: false },
	{ file: 'icon-512.png', size: 512, bleed: false },
	{ file: 'maskable-512.png', size: 512, bleed: true },
	{ file: 'apple-touch-icon.png', size: 180, bleed: true }
];

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox']
});
try {
	const page = await browser.newPage();
	mkdirSync('static/icons', { recursive: true });
	for (const { file, size, bleed } of icons) {
		await page.setViewportSize({ width: size, height: size });
		await page.setContent(
			`<html><body style="margin:0;background:transparent">${mark(bleed)}</body></html>`
		);
		const png = await page.screenshot({ omitBackground: !bleed, type: 'png' });
		writeFileSync(`static/icons/${file}`, png);
		console.log(`static/icons/${file}: ${size}×${size}, ${png.length} bytes`);
	}
} finally {
	await browser.close();
}
