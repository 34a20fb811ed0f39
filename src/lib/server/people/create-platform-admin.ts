import { z } from 'zod';
import type { App } from '../app';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { zEmail, zPassword } from '../account/account.validation';
import { createVerifiedAccount, findUserIdByEmail } from './create-account';
import { zLine } from '../validation';

export const ZPlatformAdminInput = z.object({
	email: zEmail,
	name: zLine(80),
	password: zPassword
});

/** An operator makes a platform administrator from the command line; there is no web route for it. */
export async function createPlatformAdmin({
	app,
	input
}: {
	app: App;
	input: z.infer<typeof ZPlatformAdminInput>;
}): Promise<string> {
	return app.db.transaction(async (tx) => {
		if (await findUserIdByEmail(tx, input.email))
			throw new AppError('conflict', { email: 'err_email_taken' });
		const userId = await createVerifiedAccount({ app, tx, ...input, isPlatformAdmin: true });
		await recordAudit(tx, {
			actorUserId: null,
			actingRole: 'operator',
			siteId: null,
			action: 'account.create_platform_admin',
			entityType: 'user',
			entityId: userId,
			outcome: 'success',
			ip: null
		});
		return userId;
	});
}
