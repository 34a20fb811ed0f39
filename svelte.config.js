import adapter from '@sveltejs/adapter-node';

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
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
		csrf: { trustedOrigins: [] },
		alias: { $messages: 'src/lib/paraglide/messages.js' }
	},
	compilerOptions: { runes: true }
};

export default config;
