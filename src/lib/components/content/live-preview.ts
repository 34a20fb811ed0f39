// The source editors' live preview (lessons, group programmes): the text is posted to the page's
// own `?/preview` action a moment after typing stops, so the preview needs no route of its own and
// matches what saving would check. Without JavaScript the "Preview" button posts the same action.
import { deserialize } from '$app/forms';

export type SourceIssue = { line: number | null; field: string; message: string };
export type LivePreview<Shown> = {
	lang: string;
	shown: Shown | null;
	issues: SourceIssue[];
};

/**
 * A function to call on every keystroke; `show` gets the newest answer only. `isShown` tells the
 * content's preview apart from anything else the action might answer.
 */
export function livePreview<Shown>(
	isShown: (v: unknown) => v is Shown,
	show: (update: (previous: LivePreview<Shown> | null) => LivePreview<Shown>) => void,
	delay = 500
): (source: string, lang: string) => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let latest = 0;
	async function send(source: string, lang: string, n: number): Promise<void> {
		const body = new FormData();
		body.set('lang', lang);
		body.set('source', source);
		try {
			const res = await fetch('?/preview', {
				method: 'POST',
				body,
				headers: { 'x-sveltekit-action': 'true' }
			});
			const result = deserialize(await res.text());
			if (n !== latest) return;
			const preview: unknown = result.type === 'success' ? result.data?.preview : undefined;
			if (isShown(preview)) {
				show(() => ({ lang, shown: preview, issues: [] }));
			} else if (result.type === 'failure' && Array.isArray(result.data?.issues)) {
				const issues = result.data.issues as SourceIssue[];
				// Keep the last good preview on screen while the text has problems.
				show((prev) => ({ lang, shown: prev?.lang === lang ? prev.shown : null, issues }));
			}
		} catch {
			// Offline or the server restarting: the Preview button still works.
		}
	}
	return (source, lang) => {
		clearTimeout(timer);
		const n = ++latest;
		timer = setTimeout(() => void send(source, lang, n), delay);
	};
}
