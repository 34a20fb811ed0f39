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
	readonly fields: Record<string, string>;
	/** Values for the field messages' {placeholders}, e.g. the seconds left in slow mode. */
	readonly params: Record<string, string | number>;

	constructor(
		code: AppErrorCode,
		fields: Record<string, string> = {},
		params: Record<string, string | number> = {}
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
 * Whether a validation message is a message key (err_…, or an area's own <area>_err_…) rather
 * than a library's English text, which people never see.
 */
export const isErrorKey = (message: string): boolean => /^([a-z]+_)?err_[a-z0-9_]+$/.test(message);
