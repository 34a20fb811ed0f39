import { m } from '../paraglide/messages.js';

/** A key of the message catalogue (one compiled function each), so a misspelt key fails the check. */
export type MessageKey = Extract<keyof typeof m, string>;

/**
 * Values for a message's {placeholders}. A date is written out when the answer is made, in the
 * language and time zone of the person reading it, which the use case does not know.
 */
export type MessageParams = Record<string, string | number | Date>;

/** Expected failures of a use case. Anything else is a bug: logged, answered generically. */
export type AppErrorCode =
	| 'not_found'
	| 'invalid_input'
	| 'conflict'
	| 'rate_limited'
	| 'unauthenticated'
	| 'second_factor_required';

const status: Record<AppErrorCode, number> = {
	not_found: 404,
	invalid_input: 400,
	conflict: 409,
	rate_limited: 429,
	unauthenticated: 401,
	second_factor_required: 403
};

export class AppError extends Error {
	readonly code: AppErrorCode;
	/** Field name → message key, for errors that belong next to a form field. */
	readonly fields: Record<string, MessageKey>;
	/** Values for the field messages' {placeholders}, e.g. the seconds left in slow mode. */
	readonly params: MessageParams;

	constructor(
		code: AppErrorCode,
		fields: Record<string, MessageKey> = {},
		params: MessageParams = {}
	) {
		super(code);
		this.code = code;
		this.fields = fields;
		this.params = params;
	}

	get status(): number {
		return status[this.code];
	}
}

/** "Not allowed" and "does not exist" look the same to callers, so nobody can probe for records. */
export const notFound = (): AppError => new AppError('not_found');

/**
 * Whether a validation message is an error message of the catalogue (err_…, or an area's own
 * <area>_err_…) rather than a library's English text, which people never see.
 */
export const isErrorKey = (message: string): message is MessageKey =>
	/^([a-z]+_)?err_[a-z0-9_]+$/.test(message) && Object.hasOwn(m, message);
