import type { App } from '../app';
import type { Actor } from '../access/actor';
import { recordActorAuditAlone } from '../audit/record-audit';

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
	await recordActorAuditAlone(app.db, actor, {
		action: 'auth.sign_out',
		entityType: 'session',
		entityId: actor.sessionId
	});
	return out;
}
