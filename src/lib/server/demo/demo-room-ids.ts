// The demo site's live-room group has ids derived from the site's slug, so a visitor (and the
// room journey) can open its room straight away: /groups/<groupId>/sessions/<sessionId>/room.
import { createHash } from 'node:crypto';

export const uuidFrom = (text: string): string => {
	const h = createHash('sha256').update(text).digest('hex');
	// Shaped as a version 4, variant 1 UUID so every uuid check accepts it.
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export const demoRoomIds = (slug: string): { groupId: string; sessionId: string } => ({
	groupId: uuidFrom(`kith-demo-room-group:${slug}`),
	sessionId: uuidFrom(`kith-demo-room-session:${slug}`)
});

export const demoRoomPath = (slug: string): string => {
	const { groupId, sessionId } = demoRoomIds(slug);
	return `/groups/${groupId}/sessions/${sessionId}/room`;
};
