import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { offlineHtml, stylesheetsOf } from './offline-copy';

/** How Svelte writes text into a page: the characters that could open or close a tag escaped. */
const escaped = (text: string): string =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the copy of a page the service worker keeps', () => {
	it.each([
		[
			'scripts, with what they hold',
			'<p>Lesson</p><script type="module" nonce="n">start("x")</script><script src="/a.js"></script>',
			'<p>Lesson</p>'
		],
		[
			'what the person typed into a text area (the box stays)',
			'<textarea name="r" rows="4">I felt alone</textarea>',
			'<textarea name="r" rows="4"></textarea>'
		],
		[
			'the line that names them',
			'<div class="tools"><span class="muted who svelte-1x" data-kith-personal="">Signed in as Ana</span><a href="/profile">Profile</a></div>',
			'<div class="tools"><a href="/profile">Profile</a></div>'
		],
		[
			'a marked element holding other elements',
			'<p data-kith-personal>Signed in as <b>Ana</b> <i>(member)</i></p><p>Rest</p>',
			'<p>Rest</p>'
		]
	])('leaves out %s', (_, html, kept) => {
		expect(offlineHtml(html)).toBe(kept);
	});

	it('keeps what is not marked, even with a similar attribute', () => {
		const html = '<h1>What recovery means</h1><span data-kith-personality="">calm</span>';
		expect(offlineHtml(html)).toBe(html);
	});

	it('leaves no trace of any name, whatever characters it holds', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1 }), (name) => {
				const html = `<header><span class="who" data-kith-personal="">Signed in as ${escaped(name)}</span></header><main>Lesson</main>`;
				expect(offlineHtml(html)).toBe('<header></header><main>Lesson</main>');
			})
		);
	});
});

describe('the style sheets a kept page needs', () => {
	it('lists the app’s own style sheets in either attribute order, once each', () => {
		const head = [
			'<link href="/_app/immutable/assets/0.abc.css" rel="stylesheet">',
			'<link rel="stylesheet" href="/_app/immutable/assets/12.def.css" />',
			'<link href="/_app/immutable/assets/0.abc.css" rel="stylesheet">'
		].join('');
		expect(stylesheetsOf(head)).toEqual([
			'/_app/immutable/assets/0.abc.css',
			'/_app/immutable/assets/12.def.css'
		]);
	});

	it('leaves out scripts preloaded, icons, the manifest and other origins', () => {
		const head = [
			'<link rel="modulepreload" href="/_app/immutable/entry/start.js">',
			'<link rel="icon" href="/favicon.svg">',
			'<link rel="manifest" href="/manifest.webmanifest" crossorigin="use-credentials">',
			'<link rel="stylesheet" href="https://elsewhere.example/a.css">'
		].join('');
		expect(stylesheetsOf(head)).toEqual([]);
	});
});
