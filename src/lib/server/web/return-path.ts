/**
 * The path to send a person back to, from a candidate URL such as the Referer: only a path on
 * this origin, never another site (an open redirect), a protocol-relative `//host` or a
 * backslash form some browsers read as one. Anything else answers `fallback`.
 */
export function safeReturnPath(
	candidate: string | null | undefined,
	origin: string,
	fallback = '/home'
): string {
	if (!candidate) return fallback;
	let url: URL;
	try {
		url = new URL(candidate, origin);
	} catch {
		return fallback;
	}
	if (url.origin !== origin) return fallback;
	const path = url.pathname + url.search;
	if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return fallback;
	return path;
}
