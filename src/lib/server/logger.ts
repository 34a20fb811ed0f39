import pino from 'pino';

/**
 * Structured logs. Request logs carry ids and routes, never names, emails, message text or
 * answers; the redaction list is a second line of defence for anything passed by mistake.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL ?? 'info',
	base: { app: 'kith' },
	redact: {
		paths: [
			'email',
			'*.email',
			'password',
			'*.password',
			'name',
			'*.name',
			'token',
			'*.token',
			'cookie',
			'*.cookie',
			'headers.cookie',
			'headers.authorization',
			'body',
			'*.body'
		],
		censor: '[redacted]'
	}
});
