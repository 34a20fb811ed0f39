import { z } from 'zod';
import { zId, zLine, zText, zWhole } from '../validation';

/** What a member writes on the board: 1–4,000 characters, trimmed; a title is one line. */
export const zBody = zText(4000);
export const zTitle = zLine(120);

export const ZNewThreadInput = z.object({ groupId: zId, title: zTitle, body: zBody });
export type TNewThreadInput = z.input<typeof ZNewThreadInput>;

export const ZReplyInput = z.object({ groupId: zId, threadId: zId, body: zBody });
export type TReplyInput = z.input<typeof ZReplyInput>;

export const reactionKinds = ['thinking_of_you', 'same_here', 'well_done'] as const;
export type ReactionKind = (typeof reactionKinds)[number];
export const ZReactInput = z.object({
	groupId: zId,
	postId: zId,
	kind: z.enum(reactionKinds, 'err_invalid')
});
export type TReactInput = z.input<typeof ZReactInput>;

const onOff = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

export const ZPinInput = z.object({ groupId: zId, postId: zId, pinned: onOff });
export type TPinInput = z.input<typeof ZPinInput>;

/** Slow mode: seconds between a member's posts, 0 (off) to one day. */
export const ZSlowModeInput = z.object({
	groupId: zId,
	threadId: z.preprocess((v) => (v === '' ? undefined : v), zId.optional()),
	seconds: zWhole('err_invalid', { min: 0, max: 86_400, fallback: 0 }),
	reason: zText(500, 0)
});
export type TSlowModeInput = z.input<typeof ZSlowModeInput>;

export const ZBlockInput = z.object({ groupId: zId, postId: zId, blocked: onOff });
export type TBlockInput = z.input<typeof ZBlockInput>;
