// The lesson editor's live preview: the text is posted to the page's own `?/preview` action a
// moment after typing stops, so the preview needs no route of its own and matches what saving
// would check. Without JavaScript the "Preview" button posts the same action.
import { deserialize } from '$app/forms';

export type LessonIssue = { line: number | null; field: string; message: string };
export type LivePreview = {
	lang: string;
	shown: { title: string; html: string } | null;
	issues: LessonIssue[];
};

const isShown = (v: unknown): v is { title: string; html: string } =>
	typeof v === 'object' &&
	v !== null &&
	typeof (v as { html?: unknown }).html === 'string' &&
	typeof (v as { title?: unknown }).title === 'string';

/** A function to call on every keystroke; `show` gets the newest answer only. */
export function livePreview(
	show: (update: (previous: LivePreview | null) => LivePreview) => void,
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
			if (result.type === 'success' && isShown(result.data?.preview)) {
				const shown = result.data.preview;
				show(() => ({ lang, shown, issues: [] }));
			} else if (result.type === 'failure' && Array.isArray(result.data?.issues)) {
				const issues = result.data.issues as LessonIssue[];
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
