import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import { auditLog } from '../audit/audit.schema';
import { sites } from '../sites/sites.schema';
import { boardPosts, boardReads } from './board.schema';
import { flushWritesBehind } from '../db/write-behind';
import { groupMembers } from '../groups/groups.schema';
import { moderationActions, moderationItems } from '../moderation/moderation.schema';
import { AppError } from '../errors';
import type { Actor } from '../access/actor';
import { postReply, postThread } from './post-to-board';
import { listThreads } from './list-threads';
import { getThread } from './get-thread';
import { reactToPost } from './react-to-post';
import { pinPost } from './pin-post';
import { setSlowMode } from './set-slow-mode';
import { blockMember } from './block-member';
import { reportContent } from '../moderation/report-content';
import { listQueue } from '../moderation/list-queue';
import { getItem } from '../moderation/get-item';
import { moderate } from '../moderation/moderate';
import { hidePost } from '../moderation/hide-post';
import { listSafetyAlerts } from '../safety/list-safety-alerts';

/** The message keys of an AppError's fields, or the error itself when it is something else. */
async function refusal(
	p: Promise<unknown>
): Promise<{ code: string; fields: Record<string, string> }> {
	try {
		await p;
	} catch (e) {
		if (e instanceof AppError) return { code: e.code, fields: e.fields };
		throw e;
	}
	throw new Error('expected a refusal');
}

describe.each(dbKinds)('group board and moderation on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	async function setting() {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 3 });
		const moderator = (await makePerson(app, site, ['moderator'])).actor;
		const [ann, ben, cleo] = g.members as [Actor, Actor, Actor];
		const [fac] = g.facilitators as [Actor];
		return { site, g, groupId: g.groupId, moderator, ann, ben, cleo, fac };
	}
	const thread = (
		actor: Actor,
		groupId: string,
		title = 'Hello all',
		body = 'How was your week?'
	) => postThread({ db: app.db, actor, input: { groupId, title, body } });
	const reply = (actor: Actor, groupId: string, threadId: string, body: string, now?: Date) =>
		postReply({ db: app.db, actor, input: { groupId, threadId, body }, now });
	const board = (actor: Actor, groupId: string) =>
		listThreads({ db: app.db, actor, input: { groupId } });
	const open = (actor: Actor, groupId: string, threadId: string) =>
		getThread({ db: app.db, actor, input: { groupId, threadId } });

	it('writes read marks and view records behind the page, in moments, losing none', async () => {
		const { groupId, ann, ben } = await setting();
		const { threadId } = await thread(ben, groupId);
		await reply(ben, groupId, threadId, 'First reply');
		await open(ann, groupId, threadId);
		// The board counts the thread read at once, whether or not its mark is stored yet.
		expect((await board(ann, groupId)).threads[0]?.unread).toBe(0);
		const markOf = (id: string) =>
			app.db
				.select({ readAt: boardReads.readAt })
				.from(boardReads)
				.where(and(eq(boardReads.threadId, id), eq(boardReads.userId, ann.userId)));
		const viewsOf = (id: string) =>
			app.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(and(eq(auditLog.entityId, id), eq(auditLog.actorUserId, ann.userId)));
		// Stored within moments with nobody asking for it.
		await vi.waitFor(async () => expect(await markOf(threadId)).toHaveLength(1), {
			timeout: 5000,
			interval: 50
		});
		expect((await viewsOf(threadId)).map((v) => v.action)).toEqual(['board.thread_read']);
		const [first] = await markOf(threadId);

		// A thread removed before its mark is written costs that mark only.
		const gone = await thread(ben, groupId, 'Soon removed');
		await open(ann, groupId, gone.threadId);
		await open(ann, groupId, threadId);
		await app.db.delete(boardPosts).where(eq(boardPosts.id, gone.threadId));
		await flushWritesBehind(app.db);
		expect(await markOf(gone.threadId)).toEqual([]);
		const [second] = await markOf(threadId);
		expect(second?.readAt.getTime()).toBeGreaterThan(first?.readAt.getTime() ?? Infinity);
		expect(await viewsOf(threadId)).toHaveLength(2);
		expect((await viewsOf(gone.threadId)).map((v) => v.action)).toEqual(['board.thread_read']);
	});

	it('members post threads and replies, see each other by pseudonym, with unread counts', async () => {
		const { groupId, ann, ben, fac } = await setting();
		const { threadId, risk } = await thread(ann, groupId, '  Hello all  ', '  A good week  ');
		expect(risk).toBe(false);
		await reply(ben, groupId, threadId, 'Glad to hear it');
		await reply(fac, groupId, threadId, 'Welcome everyone');

		const forAnn = await board(ann, groupId);
		expect(forAnn.threads).toHaveLength(1);
		const t = forAnn.threads[0];
		expect(t?.title).toBe('Hello all');
		expect(t?.replies).toBe(2);
		expect(t?.unread).toBe(2);
		expect(t?.author).toMatch(/^Pseudo-/);
		expect((await board(ben, groupId)).threads[0]?.unread).toBe(2);

		const view = await open(ann, groupId, threadId);
		expect(view.thread.body).toBe('A good week');
		expect(view.replies.map((r) => r.body)).toEqual(['Glad to hear it', 'Welcome everyone']);
		expect(view.replies[0]?.author).toMatch(/^Pseudo-/);
		expect(view.replies[1]?.author).toBe(fac.name);
		expect(view.replies[1]?.authorIsStaff).toBe(true);
		expect((await board(ann, groupId)).threads[0]?.unread).toBe(0);

		await reply(ben, groupId, threadId, 'One more thing');
		expect((await board(ann, groupId)).threads[0]?.unread).toBe(1);

		await flushWritesBehind(app.db);
		const audits = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.actorUserId, ann.userId));
		expect(audits.map((a) => a.action)).toEqual(
			expect.arrayContaining(['board.thread_create', 'board.read', 'board.thread_read'])
		);
	});

	it('refuses empty and oversized posts with field errors, and saves nothing', async () => {
		const { groupId, ann } = await setting();
		expect((await refusal(thread(ann, groupId, '', 'x'))).fields).toEqual({
			title: 'err_required'
		});
		expect((await refusal(thread(ann, groupId, 't', '   '))).fields).toEqual({
			body: 'err_required'
		});
		expect((await refusal(thread(ann, groupId, 't', 'x'.repeat(4001)))).fields).toEqual({
			body: 'err_too_long'
		});
		expect((await refusal(thread(ann, groupId, 'x'.repeat(121), 'b'))).fields).toEqual({
			title: 'err_too_long'
		});
		await thread(ann, groupId, 't', 'x'.repeat(4000));
		expect((await board(ann, groupId)).threads).toHaveLength(1);
	});

	it('reactions of support toggle and count per kind', async () => {
		const { groupId, ann, ben, cleo } = await setting();
		const { threadId } = await thread(ann, groupId);
		const react = (actor: Actor, kind: 'thinking_of_you' | 'same_here' | 'well_done') =>
			reactToPost({ db: app.db, actor, input: { groupId, postId: threadId, kind } });
		expect((await react(ben, 'thinking_of_you')).reacted).toBe(true);
		await react(cleo, 'thinking_of_you');
		await react(cleo, 'same_here');
		expect((await react(cleo, 'same_here')).reacted).toBe(false);
		const view = await open(ben, groupId, threadId);
		expect(view.thread.reactions).toEqual([
			{ kind: 'thinking_of_you', count: 2, mine: true },
			{ kind: 'same_here', count: 0, mine: false },
			{ kind: 'well_done', count: 0, mine: false }
		]);
	});

	it('facilitators pin threads to the top; members cannot', async () => {
		const { groupId, ann, ben, fac } = await setting();
		const first = await thread(ann, groupId, 'First');
		await thread(ben, groupId, 'Second');
		expect((await board(ann, groupId)).threads.map((t) => t.title)).toEqual(['Second', 'First']);
		expect(
			(
				await refusal(
					pinPost({
						db: app.db,
						actor: ann,
						input: { groupId, postId: first.threadId, pinned: 'on' }
					})
				)
			).code
		).toBe('not_found');
		await pinPost({
			db: app.db,
			actor: fac,
			input: { groupId, postId: first.threadId, pinned: 'on' }
		});
		const list = (await board(ann, groupId)).threads;
		expect(list.map((t) => [t.title, t.pinned])).toEqual([
			['First', true],
			['Second', false]
		]);
	});

	it('slow mode per group and per thread holds members, is recorded with who set it', async () => {
		const { groupId, ann, fac } = await setting();
		const t0 = new Date();
		const { threadId } = await thread(ann, groupId);
		await setSlowMode({
			db: app.db,
			actor: fac,
			input: { groupId, threadId, seconds: '60', reason: 'Heated' }
		});
		const r = await refusal(
			reply(ann, groupId, threadId, 'again', new Date(t0.getTime() + 10_000))
		);
		expect(r).toEqual({ code: 'rate_limited', fields: { body: 'board_err_slow_mode' } });
		await reply(ann, groupId, threadId, 'later', new Date(t0.getTime() + 61_000));
		// Facilitators are never held.
		await reply(fac, groupId, threadId, 'a');
		await reply(fac, groupId, threadId, 'b');
		await setSlowMode({ db: app.db, actor: fac, input: { groupId, seconds: '600', reason: '' } });
		expect(
			(
				await refusal(
					postThread({
						db: app.db,
						actor: ann,
						input: { groupId, title: 'x', body: 'y' },
						now: new Date(t0.getTime() + 120_000)
					})
				)
			).code
		).toBe('rate_limited');
		const actions = await app.db
			.select()
			.from(moderationActions)
			.where(
				and(eq(moderationActions.groupId, groupId), eq(moderationActions.action, 'slow_mode'))
			);
		expect(actions).toHaveLength(2);
		expect(actions.every((a) => a.actorId === fac.userId)).toBe(true);
		expect(
			(
				await refusal(
					setSlowMode({ db: app.db, actor: ann, input: { groupId, seconds: '0', reason: '' } })
				)
			).code
		).toBe('not_found');
	});

	it('refuses contact details before saving anything, unless the site allows them', async () => {
		const { site, groupId, ann } = await setting();
		for (const body of [
			'call me on 081 234 5678',
			'mail me: ann@example.org',
			'find me on t.me/ann'
		]) {
			const r = await refusal(thread(ann, groupId, 'Contact', body));
			expect(r).toEqual({ code: 'invalid_input', fields: { body: 'safety_err_contact' } });
		}
		expect((await refusal(thread(ann, groupId, 'insta: ann_22', 'hi'))).fields).toEqual({
			title: 'safety_err_contact'
		});
		const saved = await app.db.select().from(boardPosts).where(eq(boardPosts.groupId, groupId));
		expect(saved).toEqual([]);
		await app.db.update(sites).set({ allowContactDetails: true }).where(eq(sites.id, site.id));
		const allowed = { ...site, allowContactDetails: true };
		await thread({ ...ann, site: allowed }, groupId, 'Contact', 'call me on 081 234 5678');
		expect(
			await app.db.select().from(boardPosts).where(eq(boardPosts.groupId, groupId))
		).toHaveLength(1);
	});

	it('a risk phrase raises a safety alert (not a moderation item) and asks for crisis help; the post stays', async () => {
		const { groupId, ann, moderator, cleo, fac } = await setting();
		await thread(cleo, groupId, 'Week', 'An ordinary week');
		const { threadId, risk } = await thread(ann, groupId, 'Tonight', 'Honestly I want to die.');
		expect(risk).toBe(true);
		// Care first: the moderators' queue holds no sanction-first item; the facilitator holds an alert.
		expect((await listQueue({ db: app.db, actor: moderator })).entries).toEqual([]);
		const alerts = await listSafetyAlerts({ db: app.db, actor: fac });
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ source: 'board', status: 'open', view: 'full' });
		expect((await open(cleo, groupId, threadId)).thread.body).toBe('Honestly I want to die.');
		// Hebrew, a language of the test site, is screened too.
		const he = await reply(ann, groupId, threadId, 'לפעמים אני רוצה למות');
		expect(he.risk).toBe(true);
		expect(await listSafetyAlerts({ db: app.db, actor: fac })).toHaveLength(2);
	});

	it('reports go to the queue, urgent first then oldest; other sites never see them', async () => {
		const { groupId, ann, ben, moderator } = await setting();
		const a = await thread(ann, groupId, 'One', 'Something unkind');
		await reportContent({
			db: app.db,
			actor: ben,
			input: { groupId, targetType: 'board_post', targetId: a.threadId, reason: 'Unkind' }
		});
		await thread(ben, groupId, 'Two', 'I feel suicidal');
		const { entries: queue } = await listQueue({ db: app.db, actor: moderator });
		// The risk phrase became a safety alert; the queue keeps the content report.
		expect(queue.map((q) => [q.kind, q.urgency])).toEqual([['report', 'routine']]);
		expect(queue[0]).toMatchObject({ reason: 'Unkind', excerpt: 'Something unkind' });
		expect(
			(
				await refusal(
					reportContent({
						db: app.db,
						actor: ben,
						input: { groupId, targetType: 'board_post', targetId: a.threadId, reason: '' }
					})
				)
			).fields
		).toEqual({ reason: 'err_required' });
		const other = await makeSite(app);
		const otherMod = (await makePerson(app, other, ['moderator'])).actor;
		expect((await listQueue({ db: app.db, actor: otherMod })).entries).toEqual([]);
		expect(
			(
				await refusal(
					getItem({ db: app.db, actor: otherMod, input: { itemId: queue[0]?.id ?? '' } })
				)
			).code
		).toBe('not_found');
		const outsider = (await makePerson(app, other, ['member'])).actor;
		expect(
			(
				await refusal(
					reportContent({
						db: app.db,
						actor: outsider,
						input: { groupId, targetType: 'board_post', targetId: a.threadId, reason: 'x' }
					})
				)
			).code
		).toBe('not_found');
	});

	it('moderators hide, restore, warn, mute, unmute, remove, readmit, note and resolve', async () => {
		const { groupId, ann, ben, moderator } = await setting();
		const { threadId } = await thread(ann, groupId, 'Title', 'Reported words');
		const { itemId } = await reportContent({
			db: app.db,
			actor: ben,
			input: { groupId, targetType: 'board_post', targetId: threadId, reason: 'Rude' }
		});
		const act = (action: string, reason: string, hours?: string) =>
			moderate({
				db: app.db,
				actor: moderator,
				input: { itemId, action: action as 'hide', reason, hours }
			});

		await act('hide', 'Breaks the agreement');
		let seen = await open(ben, groupId, threadId);
		expect(seen.thread).toMatchObject({ hidden: true, body: null, title: null });
		expect((await board(ben, groupId)).threads[0]?.title).toBeNull();
		expect((await open(ann, groupId, threadId)).thread.body).toBe('Reported words');
		await act('restore', 'On reflection it was fine');
		seen = await open(ben, groupId, threadId);
		expect(seen.thread.body).toBe('Reported words');

		await act('warn', 'Please keep to the group agreement.');
		expect((await board(ann, groupId)).standing.warnings.map((w) => w.reason)).toEqual([
			'Please keep to the group agreement.'
		]);

		await act('mute', 'Cooling off', '24');
		expect((await board(ann, groupId)).standing.mutedUntil).not.toBeNull();
		expect((await refusal(reply(ann, groupId, threadId, 'hi'))).fields).toEqual({
			body: 'groups_err_muted'
		});
		await act('unmute', 'Talked it through');
		await reply(ann, groupId, threadId, 'Sorry, everyone');

		await act('remove', 'Repeated harm');
		expect((await refusal(board(ann, groupId))).code).toBe('not_found');
		expect((await refusal(open(ann, groupId, threadId))).code).toBe('not_found');
		const [row] = await app.db
			.select({ status: groupMembers.status })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, ann.userId)));
		expect(row?.status).toBe('removed');
		await act('readmit', 'Agreed to return');
		expect((await board(ann, groupId)).threads).toHaveLength(1);

		await act('note', 'Spoke with the facilitators');
		expect((await refusal(act('resolve', ''))).fields).toEqual({ reason: 'err_required' });
		await act('resolve', 'Handled');
		expect((await listQueue({ db: app.db, actor: moderator })).entries).toEqual([]);

		const view = await getItem({ db: app.db, actor: moderator, input: { itemId } });
		expect(view.item.status).toBe('resolved');
		expect(view.author).toMatchObject({ name: ann.name, status: 'member' });
		expect(view.author.pseudonym).toMatch(/^Pseudo-/);
		expect(view.reports.map((r) => r.reason)).toEqual(['Rude']);
		expect(view.history.map((h) => h.action).reverse()).toEqual([
			'hide',
			'restore',
			'warn',
			'mute',
			'unmute',
			'remove',
			'readmit',
			'note',
			'resolve'
		]);
		expect(view.history.every((h) => h.by?.name === moderator.name)).toBe(true);
		const audited = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.entityId, itemId));
		expect(audited.map((a) => a.action)).toEqual(
			expect.arrayContaining(['moderation.hide', 'moderation.readmit'])
		);
		// Members never reach the queue.
		expect((await refusal(listQueue({ db: app.db, actor: ben }))).code).toBe('not_found');
	});

	it('facilitators hide and restore posts of their own group only', async () => {
		const { site, groupId, ann, ben, fac } = await setting();
		const { threadId } = await thread(ann, groupId);
		const hide = (actor: Actor, g: string, hidden: string) =>
			hidePost({
				db: app.db,
				actor,
				input: { groupId: g, postId: threadId, hidden, reason: 'Off topic' }
			});
		await hide(fac, groupId, 'on');
		expect((await open(ben, groupId, threadId)).thread.body).toBeNull();
		await hide(fac, groupId, '');
		expect((await open(ben, groupId, threadId)).thread.body).not.toBeNull();
		const otherGroup = await makeGroup(app, site);
		const stranger = otherGroup.facilitators[0] as Actor;
		expect((await refusal(hide(stranger, groupId, 'on'))).code).toBe('not_found');
		expect((await refusal(hide(ben, groupId, 'on'))).code).toBe('not_found');
		const [item] = await app.db
			.select()
			.from(moderationItems)
			.where(eq(moderationItems.groupId, groupId));
		expect(item).toBeUndefined();
	});

	it('a member blocks another member: their posts come collapsed, and can be unblocked', async () => {
		const { groupId, ann, ben, fac } = await setting();
		const { threadId } = await thread(ben, groupId);
		await blockMember({
			db: app.db,
			actor: ann,
			input: { groupId, postId: threadId, blocked: 'on' }
		});
		expect((await open(ann, groupId, threadId)).thread.blocked).toBe(true);
		expect((await board(ann, groupId)).threads[0]?.blocked).toBe(true);
		expect((await open(fac, groupId, threadId)).thread.blocked).toBe(false);
		await blockMember({
			db: app.db,
			actor: ann,
			input: { groupId, postId: threadId, blocked: '' }
		});
		expect((await open(ann, groupId, threadId)).thread.blocked).toBe(false);
		const own = await thread(ann, groupId);
		expect(
			(
				await refusal(
					blockMember({
						db: app.db,
						actor: ann,
						input: { groupId, postId: own.threadId, blocked: 'on' }
					})
				)
			).code
		).toBe('invalid_input');
		const facPost = await thread(fac, groupId);
		expect(
			(
				await refusal(
					blockMember({
						db: app.db,
						actor: ann,
						input: { groupId, postId: facPost.threadId, blocked: 'on' }
					})
				)
			).code
		).toBe('invalid_input');
	});

	it('members without the agreement cannot post; nobody outside the group sees the board', async () => {
		const { site, groupId, ann, moderator } = await setting();
		await app.db
			.update(groupMembers)
			.set({ agreementAcceptedAt: null })
			.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, ann.userId)));
		expect((await refusal(thread(ann, groupId))).fields).toEqual({ body: 'groups_err_agreement' });
		const stranger = (await makePerson(app, site, ['member'])).actor;
		expect((await refusal(board(stranger, groupId))).code).toBe('not_found');
		expect((await board(moderator, groupId)).role).toBe('moderator');
	});
});
