// Telling "the database is unreachable" apart from every other failure, so an outage is answered
// as an outage (a calm "briefly unavailable" page, 503 from /readyz) rather than as a bug.

/** Socket errors from the driver when the server is down, restarting or unreachable. */
const socketCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EHOSTUNREACH'
]);

/**
 * PostgreSQL SQLSTATEs of a lost or refused connection: class 08 (connection exception) and
 * 57P01–57P03 (administrator shutdown, crash shutdown, cannot connect now).
 */
const connectionStates = /^(08\d{3}|57P0[123])$/;

/** Driver messages for a connection that ended under a query (node-postgres has no code for it). */
const endedMessages = [
	'Connection terminated',
	'Client has encountered a connection error',
	'timeout exceeded when trying to connect'
];

/** True when `error`, or anything in its `cause` chain, says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
		const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof code === 'string' && (socketCodes.has(code) || connectionStates.test(code)))
			return true;
		if (typeof message === 'string' && endedMessages.some((m) => message.includes(m))) return true;
		e = cause;
	}
	return false;
}

/** An outage found by asking the database, for a failure whose cause another layer dropped. */
export class DatabaseUnavailableError extends Error {
	/** SQLSTATE connection_failure: recognised by isDatabaseUnavailable like the driver's own. */
	readonly code = '08006';
	constructor() {
		super('the database cannot be reached');
	}
}

/**
 * `error` unchanged, or an outage when the database does not answer now. better-auth answers a
 * query that failed for want of the database with its own error ("Failed to get session") and
 * no cause, so a lost database would otherwise look like a bug (500) instead of an outage (503).
 */
export async function outageOr(ask: () => Promise<unknown>, error: unknown): Promise<unknown> {
	if (isDatabaseUnavailable(error)) return error;
	try {
		await ask();
		return error;
	} catch (e) {
		return isDatabaseUnavailable(e) ? new DatabaseUnavailableError() : error;
	}
}
