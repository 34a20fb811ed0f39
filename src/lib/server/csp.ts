/** Lesson pages of a site that allows it may load images and audio from other https hosts. */
export function withRemoteMedia(csp: string): string {
	const widened = csp.replace(/img-src ([^;]*)/, 'img-src $1 https:');
	return /media-src/.test(widened)
		? widened.replace(/media-src ([^;]*)/, 'media-src $1 https:')
		: `${widened}; media-src 'self' https:`;
}
