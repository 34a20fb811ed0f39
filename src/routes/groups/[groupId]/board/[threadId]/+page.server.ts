import type { Actions, PageServerLoad } from './$types';
import { requireSite, requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
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
import { crisisContactsIn } from '$lib/server/sites/crisis-contacts';

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
		crisisContacts: crisisContactsIn(site.crisisContacts, locals.locale, site.defaultLocale)
	};
};

// Small per-post forms: the post id travels in the form, the group and thread in the address.
export const actions: Actions = {
	reply: formAction(
		ZReplyInput.omit({ groupId: true, threadId: true }),
		async (data, { locals, params }) => {
			const input = { ...data, ...params };
			const { risk } = await postReply({ db: locals.app.db, actor: locals.actor, input });
			return risk ? { risk: true } : { done: t('board_reply_posted') };
		}
	),
	react: formAction(ZReactInput.omit({ groupId: true }), async (data, { locals, params }) => {
		await reactToPost({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } });
	}),
	report: formAction(
		ZReportInput.omit({ groupId: true, targetType: true }),
		(data, { locals, params }) => {
			const input = { ...data, groupId: params.groupId, targetType: 'board_post' as const };
			return reportContent({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'board_reported' }
	),
	block: formAction(
		ZBlockInput.omit({ groupId: true }),
		(data, { locals, params }) =>
			blockMember({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...data, groupId: params.groupId }
			}),
		{ done: (_, { blocked }) => t(blocked ? 'board_blocked_done' : 'board_unblocked_done') }
	),
	pin: formAction(ZPinInput.omit({ groupId: true }), async (data, { locals, params }) => {
		const input = { ...data, groupId: params.groupId };
		await pinPost({ db: locals.app.db, actor: locals.actor, input });
	}),
	hide: formAction(
		ZHidePostInput.omit({ groupId: true }),
		(data, { locals, params }) =>
			hidePost({
				db: locals.app.db,
				actor: locals.actor,
				input: { ...data, groupId: params.groupId }
			}),
		{ done: (_, { hidden }) => t(hidden ? 'board_hidden_done' : 'board_restored_done') }
	),
	slowMode: formAction(
		ZSlowModeInput.omit({ groupId: true, threadId: true }),
		(data, { locals, params }) => {
			const input = { ...data, seconds: String(data.seconds), ...params };
			return setSlowMode({ db: locals.app.db, actor: locals.actor, input });
		},
		{ done: 'board_slow_mode_saved' }
	)
};
