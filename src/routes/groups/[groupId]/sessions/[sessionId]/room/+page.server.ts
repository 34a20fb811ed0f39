import { redirect, type Action } from '@sveltejs/kit';
import type { z } from 'zod';
import type { Db } from '$lib/server/db/client';
import type { Actor } from '$lib/server/access/actor';
import type { RealtimeBus } from '$lib/server/realtime/bus';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireSite } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
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
import { reportContent, ZReportInput } from '$lib/server/moderation/report-content';
import { blockFromRoom, ZBlockFromRoomInput } from '$lib/server/live-room/block-from-room';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireSignedIn(locals.actor);
	const roomId = url.searchParams.get('room');
	const view = await getRoom({ db: locals.app.db, actor, input: { ...params, roomId } }).catch(
		pageError
	);
	const site = requireSite(actor);
	const zone = site.timeZone;
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

type Deps = { db: Db; bus: RealtimeBus; actor: Actor | null };

/** A facilitator control: parse the form, run the use case, answer "saved" or the errors. */
const control =
	<O extends object>(
		schema: z.ZodType<O>,
		run: (args: Deps & { input: O & { groupId: string; sessionId: string } }) => Promise<void>
	): Action<{ groupId: string; sessionId: string }> =>
	async ({ request, locals, params }) => {
		const form = await parseForm(request, schema);
		if (!form.ok) return form.failure;
		const deps = { db: locals.app.db, bus: locals.app.realtime, actor: locals.actor };
		try {
			await run({ ...deps, input: { ...form.data, ...params } });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('room_saved') };
	};

export const actions: Actions = {
	send: async ({ request, locals, params, url }) => {
		const form = await parseForm(request, ZSendChatMessageInput.omit(ids));
		if (!form.ok) return form.failure;
		let sent;
		try {
			sent = await sendChatMessage({
				db: locals.app.db,
				bus: locals.app.realtime,
				actor: locals.actor,
				input: { ...form.data, ...params }
			});
		} catch (e) {
			return failWith(e, form.values);
		}
		if (sent.showCrisisHelp) return { crisis: true, sentId: sent.id };
		// Without JavaScript: back to the room (a reload must not post twice).
		redirect(303, where(url));
	},
	report: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZReportInput.omit({ groupId: true, targetType: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, groupId: params.groupId, targetType: 'chat_message' as const };
			await reportContent({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t('board_reported') };
	},
	block: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZBlockFromRoomInput.omit(ids));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, ...params };
			await blockFromRoom({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return { done: t(form.data.blocked ? 'room_blocked_done' : 'board_unblocked_done') };
	},
	status: control(ZSetRoomStatusInput.omit(ids), setRoomStatus),
	agenda: control(ZPinAgendaInput.omit(ids), pinAgenda),
	timer: control(ZSetTimerInput.omit(ids), setRoomTimer),
	slowMode: control(ZSetSlowModeInput.omit(ids), setRoomSlowMode),
	openSubRoom: control(ZOpenSubRoomInput.omit(ids), openSubRoom),
	closeSubRoom: control(ZCloseSubRoomInput.omit(ids), closeSubRoom)
};
