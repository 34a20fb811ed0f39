import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** Something in the Markdown that was dropped or patched while rendering; import refuses it. */
export type RenderWarning = {
	/** 1-based line within the Markdown given, when it could be found. */
	line: number | null;
	field: 'image' | 'link';
	message: string;
};

export type RenderOptions = {
	/** Images (and audio) from other hosts over https; otherwise only the site's own files. */
	allowRemote?: boolean;
};

type UrlKind = 'relative' | 'https' | 'bad';

/**
 * Relative (same site) or https, nothing else. Deliberately narrower than what browsers accept:
 * anything that is neither plainly relative nor plainly https (javascript:, data:,
 * protocol-relative //host, backslashes, control characters, encoded schemes) is refused.
 */
export function classifyUrl(url: string): UrlKind {
	if (url === '' || /[\u0000-\u0020\u007f\\]/.test(url)) return 'bad';
	if (/^https:\/\/[^/?#@]+(?:[/?#]|$)/i.test(url)) return 'https';
	if (url.startsWith('//')) return 'bad';
	if (/^(?:\/|\.{1,2}\/|#|\?)/.test(url)) return 'relative';
	// A bare path such as "images/walk.jpg": its first segment must not hide a scheme.
	const first = url.split(/[/?#]/, 1)[0] ?? '';
	return /^[A-Za-z0-9._~%-]+$/.test(first) ? 'relative' : 'bad';
}

const escapeHtml = (s: string): string =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

/**
 * Where a link may point, or null when it is shown as plain text. Bare "www." addresses become
 * https, and bare e-mail addresses stay text: neither is a mistake worth refusing a lesson for.
 */
function linkTarget(token: Tokens.Link): { href: string | null; warn: boolean } {
	if (token.autolink && /^www\./i.test(token.raw) && token.href.startsWith('http://'))
		return { href: `https://${token.href.slice('http://'.length)}`, warn: false };
	if (token.autolink && token.href.startsWith('mailto:')) return { href: null, warn: false };
	return classifyUrl(token.href) === 'bad'
		? { href: null, warn: true }
		: { href: token.href, warn: false };
}

const isLink = (t: Token): t is Tokens.Link => t.type === 'link';

const imageAllowed = (kind: UrlKind, allowRemote: boolean): boolean =>
	kind === 'relative' || (kind === 'https' && allowRemote);

function makeMarked(allowRemote: boolean): Marked {
	return new Marked({
		gfm: true,
		breaks: false,
		renderer: {
			// Raw HTML is never kept: the course format promises authors it is removed.
			html: () => '',
			heading({ tokens, depth }: Tokens.Heading): string {
				// h1 belongs to the page (the lesson title); the body starts at h2.
				const level = Math.min(4, Math.max(2, depth));
				return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
			},
			link(token: Tokens.Link): string {
				const text = this.parser.parseInline(token.tokens);
				const { href } = linkTarget(token);
				if (href === null) return text;
				const t = token.title ? ` title="${escapeHtml(token.title)}"` : '';
				return `<a href="${escapeHtml(href)}"${t}>${text}</a>`;
			},
			image({ href, title, text }: Tokens.Image): string {
				if (!imageAllowed(classifyUrl(href), allowRemote)) return escapeHtml(text);
				const t = title ? ` title="${escapeHtml(title)}"` : '';
				return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${t} loading="lazy">`;
			},
			// Task-list checkboxes would be form controls inside a lesson; keep the text only.
			checkbox: () => ''
		}
	});
}

const sanitizeOptions = (allowRemote: boolean): sanitizeHtml.IOptions => ({
	allowedTags: [
		'h2',
		'h3',
		'h4',
		'p',
		'br',
		'ul',
		'ol',
		'li',
		'strong',
		'em',
		'blockquote',
		'a',
		'img',
		'hr',
		'code',
		'pre',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		img: ['src', 'alt', 'title', 'loading'],
		ol: ['start'],
		th: [{ name: 'align', multiple: false, values: ['left', 'right', 'center'] }],
		td: [{ name: 'align', multiple: false, values: ['left', 'right', 'center'] }]
	},
	allowedSchemes: ['https'],
	allowedSchemesByTag: { img: allowRemote ? ['https'] : [] },
	allowedSchemesAppliedToAttributes: ['href', 'src'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		a: (tagName, attribs) => {
			const href = attribs.href ?? '';
			const kind = classifyUrl(href);
			if (kind === 'bad') return { tagName, attribs: {} };
			const kept: Record<string, string> = { href };
			if (attribs.title) kept.title = attribs.title;
			if (kind === 'https') kept.rel = 'noopener noreferrer';
			return { tagName, attribs: kept };
		},
		img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '' } })
	},
	exclusiveFilter: (frame) =>
		frame.tag === 'img' && !imageAllowed(classifyUrl(frame.attribs.src ?? ''), allowRemote)
});

function lineOf(md: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (md.charCodeAt(i) === 10) line++;
	return line;
}

function collectWarnings(md: string, tokens: Token[], marked: Marked, allowRemote: boolean) {
	const warnings: RenderWarning[] = [];
	let cursor = 0;
	const locate = (raw: string): number | null => {
		let at = md.indexOf(raw, cursor);
		if (at < 0) at = md.indexOf(raw);
		if (at < 0) return null;
		cursor = at + raw.length;
		return lineOf(md, at);
	};
	// walkTokens returns what the callback returns, a promise only for an async callback; this one
	// is synchronous, so the list holds nothing to await.
	void marked.walkTokens(tokens, (token) => {
		if (token.type === 'image') {
			const kind = classifyUrl(token.href);
			if (!imageAllowed(kind, allowRemote))
				warnings.push({
					line: locate(token.raw),
					field: 'image',
					message:
						kind === 'https'
							? `image "${token.href}" is on another site; use an image from this site`
							: `image "${token.href}" must be a relative address`
				});
			else if (token.text.trim() === '')
				warnings.push({
					line: locate(token.raw),
					field: 'image',
					message: `image "${token.href}" needs alt text: ![what the image shows](${token.href})`
				});
		} else if (isLink(token) && linkTarget(token).warn) {
			warnings.push({
				line: locate(token.raw),
				field: 'link',
				message: `link "${token.href}" was removed: links must be relative or start with https://`
			});
		}
	});
	return warnings;
}

/**
 * Lesson Markdown → HTML that is safe to show as is. Marked renders with raw HTML removed and
 * URLs checked; sanitize-html then keeps only an allow-list of tags and attributes, so a mistake
 * in either layer alone cannot let script through.
 */
export function renderMarkdown(
	md: string,
	{ allowRemote = false }: RenderOptions = {}
): { html: string; warnings: RenderWarning[] } {
	const marked = makeMarked(allowRemote);
	const tokens = marked.lexer(md);
	const warnings = collectWarnings(md, tokens, marked, allowRemote);
	const raw = marked.parser(tokens);
	return { html: sanitizeHtml(raw, sanitizeOptions(allowRemote)), warnings };
}
