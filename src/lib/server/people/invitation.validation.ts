import { z } from 'zod';
import { zPassword } from '../account/account.validation';
import { zLine } from '../validation';

/** The token part of an invitation link (see invitation-token.ts): base64url, never huge. */
export const zInvitationToken = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export const ZAcceptInvitationNewAccountInput = z.object({
	name: zLine(80),
	password: zPassword
});
export type TAcceptInvitationNewAccountInput = z.infer<typeof ZAcceptInvitationNewAccountInput>;
