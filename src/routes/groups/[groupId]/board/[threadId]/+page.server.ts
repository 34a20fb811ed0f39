import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { getThread } from '$lib/server/board/get-thread';
import { postReply } from '$lib/server/board/post-to-board';
import { reactToPost } from '$lib/server/board/react-to-post';
import { pinPost } from '$lib/server/board/pin-post';
import { setSlowMode } from '$lib/server/board/set-slow-mode';
import { blockMember } from '$lib/server/board/block-member';
import { hidePost, ZHidePostInput } from '$lib/server/moderation/hide-post';
import { reportContent, ZReportInput } from '$lib/server/moderation/report-content';
import {
	ZBlockInput,
	ZPinInput,
	ZReactInput,
	ZReplyInput,
	ZSlowModeInput
} from '$lib/server/board/board.validation';
import { formatDate, formatDateTime } from '$lib/format';
import { displayZone } from '$lib/server/dates/display-zone';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const view = await getThread({ db: locals.app.db, actor, input: params }).catch(pageError);
	const site = requireSite(actor);
	const zone = displayZone({ profile: locals.profile, site });
	const when = (d: Date) => formatDateTime(d, locals.locale, zone);
	const shape = <T extends { createdAt: Date }>({ createdAt, ...p }: T) => ({
		...p,
		when: when(createdAt)
	});
	return {
		...view,
		closedOn: view.group.closedAt ? formatDate(view.group.closedAt, locals.locale, zone) : null,
		thread: shape(view.thread),
		replies: view.replies.map(shape),
		crisisContacts: site.crisisContacts
	};
};

/** Runs one use case for a small per-post form; the post id travels in the form. */
const done = (key: string) => ({ done: t(key) });

export const actions: Actions = {
	reply: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZReplyInput.omit({ groupId: true, threadId: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, ...params };
			const { risk } = await postReply({ db: locals.app.db, actor: locals.actor, input });
			return risk ? { risk: true } : done('board_reply_posted');
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	react: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZReactInput.omit({ groupId: true }));
		if (!form.ok) return form.failure;
		try {
			await reactToPost({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...form.data, ...params }
			});
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	report: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZReportInput.omit({ groupId: true, targetType: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, groupId: params.groupId, targetType: 'board_post' as const };
			await reportContent({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return done('board_reported');
	},
	block: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZBlockInput.omit({ groupId: true }));
		if (!form.ok) return form.failure;
		try {
			await blockMember({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...form.data, groupId: params.groupId }
			});
		} catch (e) {
			return failWith(e, form.values);
		}
		return done(form.data.blocked ? 'board_blocked_done' : 'board_unblocked_done');
	},
	pin: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZPinInput.omit({ groupId: true }));
		if (!form.ok) return form.failure;
		try {
			await pinPost({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...form.data, groupId: params.groupId }
			});
		} catch (e) {
			return failWith(e, form.values);
		}
	},
	hide: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZHidePostInput.omit({ groupId: true }));
		if (!form.ok) return form.failure;
		try {
			await hidePost({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...form.data, groupId: params.groupId }
			});
		} catch (e) {
			return failWith(e, form.values);
		}
		return done(form.data.hidden ? 'board_hidden_done' : 'board_restored_done');
	},
	slowMode: async ({ request, locals, params }) => {
		const form = await parseForm(request, ZSlowModeInput.omit({ groupId: true, threadId: true }));
		if (!form.ok) return form.failure;
		try {
			const input = { ...form.data, seconds: String(form.data.seconds), ...params };
			await setSlowMode({ db: locals.app.db, actor: locals.actor, input });
		} catch (e) {
			return failWith(e, form.values);
		}
		return done('board_slow_mode_saved');
	}
};
