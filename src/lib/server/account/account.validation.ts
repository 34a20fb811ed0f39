import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/auth.config';
import { zLine } from '../validation';

export const zEmail = z
	.string('err_required')
	.transform((s) => s.trim().toLowerCase())
	.pipe(z.string().min(1, 'err_required').max(254, 'err_too_long').pipe(z.email('err_email')));

export const zPassword = z
	.string('err_required')
	.min(1, 'err_required')
	.min(PASSWORD_MIN, 'err_password_short')
	.max(PASSWORD_MAX, 'err_password_long');

export const zCode = z
	.string('err_required')
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, 'err_code'));

/** A backup code as better-auth makes them: ten letters and digits, shown as abcde-12345. */
export const zBackupCode = z
	.string('err_required')
	.transform((s) => s.replace(/\s+/g, ''))
	.pipe(z.string().regex(/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/, 'err_backup_code'))
	.transform((s) => (s.includes('-') ? s : `${s.slice(0, 5)}-${s.slice(5)}`));

export const ZSignInInput = z.object({
	email: zEmail,
	password: z.string('err_required').min(1, 'err_required').max(PASSWORD_MAX, 'err_password_long')
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZSignUpInput = z.object({
	name: zLine(80),
	email: zEmail,
	password: zPassword
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

/** A safe place to go after signing in: a path on this site, never another origin. */
export const zNext = z
	.string()
	.optional()
	.transform((s) => (s && /^\/(?!\/)[\w\-/?=&%.]*$/.test(s) ? s : '/home'));
