// What the service worker keeps of a page to show offline (decisions 0004 and 0011). Pure text
// functions, so they are tested here rather than inside the worker.

/** A script, with what it holds. */
const script = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
/** A text area's contents: what the person typed. The element stays, empty. */
const textareaContents = /(<textarea\b[^>]*>)[\s\S]*?(<\/textarea\s*>)/gi;
/**
 * An element marked `data-kith-personal` (the "Signed in as …" line of the page header), with
 * its contents. A marked element must not hold another element of its own kind: the first
 * closing tag of that kind ends it. Text inside is escaped by Svelte, so a name cannot close it.
 */
const personal = /<([a-z][a-z0-9-]*)\b[^>]*?\sdata-kith-personal\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** A style sheet the page links, from the app's own built files. */
const stylesheet = /<link\b[^>]*>/gi;

/**
 * The page as kept: no scripts, no text the person typed, nothing that names them (the parts
 * marked `data-kith-personal`).
 */
export function offlineHtml(html: string): string {
	return html.replace(script, '').replace(textareaContents, '$1$2').replace(personal, '');
}

/** The app's style sheets a page links (addresses under /_app/), so a kept page keeps its look. */
export function stylesheetsOf(html: string): string[] {
	const found = new Set<string>();
	for (const [link] of html.matchAll(stylesheet)) {
		if (!/\srel=["']?stylesheet\b/i.test(link)) continue;
		const href = /\shref=["']?(\/_app\/[^"'\s>]+)/i.exec(link)?.[1];
		if (href) found.add(href);
	}
	return [...found];
}
