import type { App } from '../app';
import { actingRole, type Actor } from '../access/actor';
import { recordAuditAlone } from '../audit/record-audit';

/** Ends this session everywhere (it is deleted from the shared database) and clears the cookie. */
export async function signOut({
	app,
	actor,
	headers
}: {
	app: App;
	actor: Actor;
	headers: Headers;
}): Promise<Headers> {
	const { headers: out } = await app.auth.api.signOut({ headers, returnHeaders: true });
	await recordAuditAlone(app.db, {
		actorUserId: actor.userId,
		actingRole: actingRole(actor),
		siteId: actor.site?.id ?? null,
		action: 'auth.sign_out',
		entityType: 'session',
		entityId: actor.sessionId,
		outcome: 'success',
		ip: actor.ip
	});
	return out;
}
