// Starts the built Kith server. Without ORIGIN, adapter-node would assume https and refuse
// form posts from http://localhost, so a local start gets the matching http origin.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
await import('../build/index.js');
