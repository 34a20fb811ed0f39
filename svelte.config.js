import adapter from '@sveltejs/adapter-node';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// SvelteKit's route announcer (the live region that reads a new page's title after a client
// navigation) hides itself with a style attribute. The policy allows exactly that attribute by
// its hash ('unsafe-hashes' admits hashed attributes only; inline script stays forbidden). The
// hash is taken from the installed SvelteKit, so an upgrade that changes it cannot silently
// unhide the announcer; the journeys fail on any policy violation.
function announcerStyleHash() {
	const kit = import.meta.resolve('@sveltejs/kit');
	const root = readFileSync(new URL('../core/sync/write_root.js', kit), 'utf8');
	const style = /id="svelte-announcer"[^>]*style="([^"]*)"/.exec(root)?.[1];
	if (!style) throw new Error("SvelteKit's route announcer style was not found");
	return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Strict CSP: SvelteKit adds hashes/nonces for its own inline bootstrap script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', announcerStyleHash()],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
		// SvelteKit's origin check for forms is off ('*' is how SvelteKit 2 spells that) because
		// hooks.server.ts does the same check first and counts each refusal (decision 0012).
		csrf: { trustedOrigins: ['*'] },
		// Absolute asset addresses: the service worker shows one kept page (the offline page,
		// crisis help) at other addresses, where relative ones would point nowhere.
		paths: { relative: false },
		alias: { $messages: 'src/lib/paraglide/messages.js' }
	},
	compilerOptions: { runes: true }
};

export default config;
