import { describe, expect, it } from 'vitest';
import { classifyUrl, renderMarkdown } from './render-markdown';

const html = (md: string, allowRemote = false) => renderMarkdown(md, { allowRemote }).html;

/** Nothing in the output can run: no script, no handlers, no executable or remote URL. */
function expectInert(out: string) {
	expect(out).not.toMatch(/<script|<svg|<iframe|<style|<object|<embed|<form|<input/i);
	expect(out).not.toMatch(/<[^>]*\son\w+\s*=/i);
	expect(out).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
	expect(out).not.toMatch(/(href|src)\s*=\s*["']?\s*\/\//i);
}

describe('renderMarkdown', () => {
	it('renders the allowed Markdown, demoting h1 to h2 and capping depth at h4', () => {
		const out = html(
			'# Title\n\n## Part\n\n###### Deep\n\nSome **bold** and *em*.\n\n- one\n- two\n\n1. first\n\n> quote\n\n---\n\n`code`\n\n```\nblock\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |'
		);
		expect(out).toContain('<h2>Title</h2>');
		expect(out).toContain('<h2>Part</h2>');
		expect(out).toContain('<h4>Deep</h4>');
		expect(out).not.toContain('<h1');
		for (const tag of [
			'<strong>',
			'<em>',
			'<ul>',
			'<ol>',
			'<li>',
			'<blockquote>',
			'<hr />',
			'<code>',
			'<pre>',
			'<table>',
			'<th>',
			'<td>'
		])
			expect(out).toContain(tag);
	});

	it('keeps relative and https links, marking external ones noopener noreferrer', () => {
		const out = html('[help](/help) [there](https://example.org/a?b=1 "Title")');
		expect(out).toContain('<a href="/help">help</a>');
		expect(out).toContain(
			'<a href="https://example.org/a?b=1" title="Title" rel="noopener noreferrer">there</a>'
		);
	});

	it('keeps relative images with alt text; remote ones only when the site allows them', () => {
		expect(html('![A cup of tea](/images/tea.jpg)')).toContain(
			'<img src="/images/tea.jpg" alt="A cup of tea"'
		);
		const remote = renderMarkdown('![A tree](https://cdn.example/tree.jpg)');
		expect(remote.html).not.toContain('<img');
		expect(remote.warnings).toEqual([expect.objectContaining({ line: 1, field: 'image' })]);
		expect(html('![A tree](https://cdn.example/tree.jpg)', true)).toContain(
			'<img src="https://cdn.example/tree.jpg" alt="A tree"'
		);
	});

	it('gives an image without alt an empty alt and a warning on its line', () => {
		const r = renderMarkdown('Intro\n\n![](/images/tea.jpg)');
		expect(r.html).toContain('alt=""');
		expect(r.warnings).toEqual([
			expect.objectContaining({
				line: 3,
				field: 'image',
				message: expect.stringContaining('alt text')
			})
		]);
	});

	it.each([
		['<script>alert(1)</script>'],
		['Text <script>alert(1)</script> more'],
		['<img src=x onerror="alert(1)">'],
		['<img src="/ok.png" onerror="alert(1)" alt="x">'],
		['[x](javascript:alert(1))'],
		['[x](JaVaScRiPt:alert(1))'],
		['[x](jav&#x61;script:alert(1))'],
		['[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
		['<a href="data:text/html,<script>alert(1)</script>">y</a>'],
		['<a href="javascript:alert(1)">y</a>'],
		['![x](javascript:alert(1))'],
		['![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
		['[x](//evil.example/)'],
		['<svg onload="alert(1)"><circle r="1"/></svg>'],
		['<div onclick="alert(1)">\n\n**block**\n\n</div>'],
		['<iframe src="https://evil.example"></iframe>'],
		['<style>body{display:none}</style>'],
		['<details open ontoggle="alert(1)">x</details>'],
		['<math><mi xlink:href="javascript:alert(1)">x</mi></math>']
	])('makes %s inert', (md) => {
		expectInert(html(md));
		expectInert(html(md, true));
	});

	it('links bare www addresses over https and leaves bare e-mail addresses as text', () => {
		const r = renderMarkdown('See www.example.org or write to help@example.org.');
		expect(r.html).toContain(
			'<a href="https://www.example.org" rel="noopener noreferrer">www.example.org</a>'
		);
		expect(r.html).toContain('write to help@example.org.');
		expect(r.html).not.toContain('mailto:');
		expect(r.warnings).toEqual([]);
	});

	it('reports removed links with their line', () => {
		expect(renderMarkdown('a\n\nb [x](javascript:alert(1))').warnings).toEqual([
			expect.objectContaining({ line: 3, field: 'link' })
		]);
	});

	it('keeps HTML inside code escaped, as text', () => {
		const out = html('`<script>alert(1)</script>`\n\n```html\n<img src=x onerror=alert(1)>\n```');
		expect(out).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
		expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expectInert(out);
	});
});

describe('classifyUrl', () => {
	it.each([
		['/images/a.png', 'relative'],
		['images/a.png', 'relative'],
		['../a', 'relative'],
		['#part', 'relative'],
		['https://example.org', 'https'],
		['http://example.org', 'bad'],
		['//example.org', 'bad'],
		['/\\example.org', 'bad'],
		['mailto:a@b.c', 'bad'],
		[' javascript:alert(1)', 'bad'],
		['java\tscript:alert(1)', 'bad'],
		['', 'bad']
	])('%s is %s', (url, kind) => expect(classifyUrl(url)).toBe(kind));
});
