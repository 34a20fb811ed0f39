// Starts Kith's service worker on the pages that run no other script (crisis help, sign-in, the
// landing page), so a visitor's phone keeps crisis help and the offline page too (decision 0011).
// Pages that run the app start it themselves (SvelteKit registers the same worker).
if ('serviceWorker' in navigator)
	navigator.serviceWorker.register('/service-worker.js').catch(function () {
		// No worker (a private window, an old browser): the page works as before.
	});
