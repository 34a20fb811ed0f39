// Starts the built Kith server. Without ORIGIN, adapter-node would assume https and refuse
// form posts from http://localhost, so a local start gets the matching http origin.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
const { server } = await import('../build/index.js');

// adapter-node serves /_app/ assets and static files before Kith's hooks run, so the hooks'
// headers never reach them. Every response, asset or page, forbids type sniffing; this
// listener runs before adapter-node's own, and the headers a response sets later are kept.
server.server.prependListener('request', (_request, response) => {
	response.setHeader('X-Content-Type-Options', 'nosniff');
});
