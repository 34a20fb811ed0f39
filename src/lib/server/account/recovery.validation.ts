import { z } from 'zod';
import { zEmail, zPassword } from './account.validation';

/** A token from an emailed link: opaque, URL-safe, of a sane length. */
export const zLinkToken = z
	.string('err_invalid')
	.min(1, 'err_invalid')
	.max(2048, 'err_invalid')
	.regex(/^[\w.\-~%]+$/, 'err_invalid');

export const ZRequestPasswordResetInput = z.object({ email: zEmail });
export type TRequestPasswordResetInput = z.infer<typeof ZRequestPasswordResetInput>;

export const ZResetPasswordInput = z.object({ token: zLinkToken, newPassword: zPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

/** Asking for a link that lets this browser sign in despite the sign-in limits. */
export const ZRequestUnlockInput = ZRequestPasswordResetInput;
export const ZTrustBrowserInput = z.object({ token: zLinkToken });
