import { redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
import { getRoom } from '$lib/server/live-room/get-room';
import { sendChatMessage, ZSendChatMessageInput } from '$lib/server/live-room/send-chat-message';
import {
	closeSubRoom,
	openSubRoom,
	pinAgenda,
	setRoomSlowMode,
	setRoomStatus,
	setRoomTimer,
	ZCloseSubRoomInput,
	ZOpenSubRoomInput,
	ZPinAgendaInput,
	ZSetRoomStatusInput,
	ZSetSlowModeInput,
	ZSetTimerInput
} from '$lib/server/live-room/room-controls';
import { formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';
import { reportContent, ZReportInput } from '$lib/server/moderation/report-content';
import { blockFromRoom, ZBlockFromRoomInput } from '$lib/server/live-room/block-from-room';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor);
	const roomId = url.searchParams.get('room');
	const view = await getRoom({ db: locals.app.db, actor, input: { ...params, roomId } }).catch(
		pageError
	);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	return {
		...view,
		siteSlug: site.slug,
		when: formatDateTime(view.session.startsAt, locals.locale, zone),
		timerUntil: view.state.timerEndsAt
			? new Intl.DateTimeFormat(locals.locale, { timeStyle: 'short', timeZone: zone }).format(
					new Date(view.state.timerEndsAt)
				)
			: null,
		// A fresh id for the next message; kept on a failed send, so a resend never duplicates.
		clientId: randomUUID()
	};
};

const ids = { groupId: true, sessionId: true } as const;
const where = (url: URL) =>
	url.pathname + (url.searchParams.get('room') ? `?room=${url.searchParams.get('room')}` : '');

/** A room use case's arguments: the live room's connections, the form, the address. */
const live = <I extends object>(
	{ locals, params }: { locals: App.Locals; params: { groupId: string; sessionId: string } },
	input: I
) => ({
	db: locals.app.db,
	bus: locals.app.realtime,
	actor: locals.actor,
	input: { ...input, ...params }
});
const saved = { done: 'room_saved' } as const;

export const actions: Actions = {
	send: formAction(ZSendChatMessageInput.omit(ids), async (input, event) => {
		const sent = await sendChatMessage(live(event, input));
		if (sent.showCrisisHelp) return { crisis: true, sentId: sent.id };
		// Without JavaScript: back to the room (a reload must not post twice).
		redirect(303, where(event.url));
	}),
	report: formAction(
		ZReportInput.omit({ groupId: true, targetType: true }),
		(data, { locals, params }) => {
			const input = { ...data, groupId: params.groupId, targetType: 'chat_message' as const };
			return reportContent({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'board_reported' }
	),
	block: formAction(
		ZBlockFromRoomInput.omit(ids),
		(data, { locals, params }) =>
			blockFromRoom({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
		{ done: (_, { blocked }) => t(blocked ? 'room_blocked_done' : 'board_unblocked_done') }
	),
	status: formAction(
		ZSetRoomStatusInput.omit(ids),
		(input, e) => setRoomStatus(live(e, input)),
		saved
	),
	agenda: formAction(ZPinAgendaInput.omit(ids), (input, e) => pinAgenda(live(e, input)), saved),
	timer: formAction(ZSetTimerInput.omit(ids), (input, e) => setRoomTimer(live(e, input)), saved),
	slowMode: formAction(
		ZSetSlowModeInput.omit(ids),
		(input, e) => setRoomSlowMode(live(e, input)),
		saved
	),
	openSubRoom: formAction(
		ZOpenSubRoomInput.omit(ids),
		(input, e) => openSubRoom(live(e, input)),
		saved
	),
	closeSubRoom: formAction(
		ZCloseSubRoomInput.omit(ids),
		(input, e) => closeSubRoom(live(e, input)),
		saved
	)
};
