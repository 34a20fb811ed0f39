// Adapter between the live room and the safety screen (src/lib/server/safety/screen-post.ts,
// written in parallel). MERGE: replace the body of screenChatMessage with
//   return screenPost({ tx, site, locale, body, authorId, groupId, target: { type: 'chat_message', id } });
// It runs inside the sending transaction after the insert: throwing (contact details the site does
// not allow) rolls the message back, so nothing refused is ever saved or announced.
import type { Tx } from '../db/client';
import type { Site } from '../sites/sites.schema';

export type ScreenResult = { showCrisisHelp: boolean };

export async function screenChatMessage(args: {
	tx: Tx;
	site: Site;
	locale: string;
	body: string;
	authorId: string;
	groupId: string;
	target: { type: 'chat_message'; id: string };
}): Promise<ScreenResult> {
	// SAFETY CALL SITE — screenPost is not in this branch yet; until it is, nothing is screened.
	void args;
	return { showCrisisHelp: false };
}
