import { defineCustomClientStrategy } from '$lib/paraglide/runtime.js';

// The server decides the language and writes it on <html lang>; the browser follows it.
defineCustomClientStrategy('custom-kith', {
	getLocale: () => document.documentElement.lang || undefined,
	setLocale: () => undefined
});
