import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { makeGroup } from '../testing/group-factory';
import type { Actor } from '../access/actor';
import { auditLog } from '../audit/audit.schema';
import { groupMembers, groups } from './groups.schema';
import { groupFor } from './group-access';
import { openGroup } from './open-group';
import { joinGroup, leaveGroup } from './join-group';
import { decideRequest, inviteMember, removeMember } from './manage-enrolment';
import { acceptAgreement, respondToInvitation, setReminderPrefs } from './member-choices';
import { getGroup } from './get-group';
import { listGroups } from './list-groups';
import { assertCanPost } from './can-post';

describe.each(dbKinds)('opening and joining peer groups on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const statusOf = async (groupId: string, who: Actor) => {
		const [row] = await app.db
			.select({ status: groupMembers.status })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, who.userId)));
		return row?.status ?? null;
	};
	const member = async (site: Awaited<ReturnType<typeof makeSite>>) =>
		(await makePerson(app, site, ['member'])).actor;

	it('opens a group led by two peer workers of the site, and refuses anyone else as co-facilitator', async () => {
		const site = await makeSite(app);
		const { programmeId } = await makeGroup(app, site, { members: 0, sessions: 0 });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const peerA = await makePerson(app, site, ['peer_worker']);
		const peerB = await makePerson(app, site, ['peer_worker']);
		const pro = await makePerson(app, site, ['professional']);
		const otherSitePeer = await makePerson(app, await makeSite(app), ['peer_worker']);
		const input = {
			programmeId,
			name: 'Wednesday group',
			locale: 'en',
			capacity: '',
			enrolment: 'open' as const,
			facilitatorId: peerA.userId,
			coFacilitatorId: peerB.userId,
			professionalId: pro.userId
		};
		for (const [coFacilitatorId, field] of [
			[pro.userId, 'coFacilitatorId'],
			[otherSitePeer.userId, 'coFacilitatorId'],
			[peerA.userId, 'coFacilitatorId']
		] as const)
			await expect(
				openGroup({ db: app.db, actor: admin, input: { ...input, coFacilitatorId } })
			).rejects.toMatchObject({ code: 'invalid_input', fields: { [field]: expect.any(String) } });
		await expect(
			openGroup({ db: app.db, actor: admin, input: { ...input, locale: 'he' } })
		).rejects.toMatchObject({ fields: { locale: 'groups_err_locale' } });
		await expect(
			openGroup({ db: app.db, actor: admin, input: { ...input, capacity: '31' } })
		).rejects.toMatchObject({ fields: { capacity: 'groups_err_capacity' } });
		await expect(openGroup({ db: app.db, actor: await member(site), input })).rejects.toMatchObject(
			{ code: 'not_found' }
		);

		const { id } = await openGroup({ db: app.db, actor: peerA.actor, input });
		const [row] = await app.db.select().from(groups).where(eq(groups.id, id));
		expect(row).toMatchObject({ capacity: 10, enrolment: 'open', locale: 'en' });
		// All three lead it; the professional too.
		for (const who of [peerA, peerB, pro])
			expect((await groupFor(app.db, who.actor, id)).role).toBe('facilitator');
		const overview = await getGroup({
			db: app.db,
			actor: peerB.actor,
			input: { groupId: id, locale: 'en' }
		});
		expect(overview.facilitators.map((f) => f.kind).sort()).toEqual([
			'peer',
			'peer',
			'professional'
		]);
	});

	it('fills places, puts the rest on the waitlist, and moves the first waiting up when someone leaves', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 1, capacity: 2 });
		const [a, b, c] = [await member(site), await member(site), await member(site)];
		expect(await joinGroup({ db: app.db, actor: a, input: g })).toBe('member');
		expect(await joinGroup({ db: app.db, actor: b, input: g })).toBe('waitlisted');
		expect(await joinGroup({ db: app.db, actor: c, input: g })).toBe('waitlisted');
		// Joining twice changes nothing.
		expect(await joinGroup({ db: app.db, actor: b, input: g })).toBe('waitlisted');
		// Changing reminder settings while waiting keeps one's place in the queue.
		await setReminderPrefs({
			db: app.db,
			actor: b,
			input: { groupId: g.groupId, inApp: false, email: true }
		});

		const page = await listGroups({ db: app.db, actor: c, input: { locale: 'en' } });
		expect(page.mine).toEqual([expect.objectContaining({ id: g.groupId, status: 'waitlisted' })]);
		// Waiting people do not see who is in the group.
		const preview = await getGroup({
			db: app.db,
			actor: c,
			input: { groupId: g.groupId, locale: 'en' }
		});
		expect(preview).toMatchObject({
			role: null,
			myStatus: 'waitlisted',
			placesLeft: 0,
			members: []
		});

		await leaveGroup({ db: app.db, actor: a, input: g });
		expect(await statusOf(g.groupId, b)).toBe('member');
		expect(await statusOf(g.groupId, c)).toBe('waitlisted');

		const facilitator = g.facilitators[0] ?? null;
		await removeMember({
			db: app.db,
			actor: facilitator,
			input: { groupId: g.groupId, userId: b.userId }
		});
		expect(await statusOf(g.groupId, b)).toBe('removed');
		expect(await statusOf(g.groupId, c)).toBe('member');
		// Removed means gone: no overview, no rejoining.
		await expect(
			getGroup({ db: app.db, actor: b, input: { groupId: g.groupId, locale: 'en' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(joinGroup({ db: app.db, actor: b, input: g })).rejects.toMatchObject({
			code: 'not_found'
		});
		const audited = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.entityId, g.groupId));
		expect(audited.map((r) => r.action)).toEqual(
			expect.arrayContaining(['group.join', 'group.leave', 'group.remove_member'])
		);
	});

	it('lets facilitators approve or decline requests and invite members by email', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 0, enrolment: 'request', capacity: 2 });
		const facilitator = g.facilitators[0] ?? null;
		const [a, b] = [await member(site), await member(site)];
		expect(await joinGroup({ db: app.db, actor: a, input: g })).toBe('requested');
		expect(await joinGroup({ db: app.db, actor: b, input: g })).toBe('requested');
		const overview = await getGroup({
			db: app.db,
			actor: facilitator,
			input: { groupId: g.groupId, locale: 'en' }
		});
		expect(overview.pending.map((p) => p.status)).toEqual(['requested', 'requested']);
		expect(
			await decideRequest({
				db: app.db,
				actor: facilitator,
				input: { groupId: g.groupId, userId: a.userId, decision: 'approve' }
			})
		).toBe('member');
		expect(
			await decideRequest({
				db: app.db,
				actor: facilitator,
				input: { groupId: g.groupId, userId: b.userId, decision: 'decline' }
			})
		).toBe('declined');
		// Another member cannot decide.
		await expect(
			decideRequest({
				db: app.db,
				actor: a,
				input: { groupId: g.groupId, userId: b.userId, decision: 'approve' }
			})
		).rejects.toMatchObject({ code: 'not_found' });

		const invited = await makePerson(app, site, ['member']);
		const staff = await makePerson(app, site, ['professional']);
		const invite = (email: string) =>
			inviteMember({ db: app.db, actor: facilitator, input: { groupId: g.groupId, email } });
		await expect(invite(staff.email)).rejects.toMatchObject({
			fields: { email: 'groups_err_invite_unknown' }
		});
		await expect(invite(a.email)).rejects.toMatchObject({
			fields: { email: 'groups_err_invite_already' }
		});
		await invite(invited.email.toUpperCase());
		expect(await statusOf(g.groupId, invited.actor)).toBe('invited');
		const list = await listGroups({ db: app.db, actor: invited.actor, input: { locale: 'en' } });
		expect(list.mine).toEqual([expect.objectContaining({ status: 'invited' })]);
		expect(
			await respondToInvitation({
				db: app.db,
				actor: invited.actor,
				input: { groupId: g.groupId, accept: true }
			})
		).toBe('member');
		// A group by invitation cannot be joined uninvited.
		const closedShop = await makeGroup(app, site, { members: 0, enrolment: 'invitation' });
		await expect(joinGroup({ db: app.db, actor: b, input: closedShop })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('lets a member post only after accepting the agreement, and not while muted', async () => {
		const site = await makeSite(app);
		const g = await makeGroup(app, site, { members: 0 });
		const a = await member(site);
		await joinGroup({ db: app.db, actor: a, input: g });
		const access = () => groupFor(app.db, a, g.groupId);
		await expect(assertCanPost(app.db, await access())).rejects.toMatchObject({
			fields: { body: 'groups_err_agreement' }
		});
		await acceptAgreement({ db: app.db, actor: a, input: g });
		await expect(assertCanPost(app.db, await access())).resolves.toBeUndefined();
		await app.db
			.update(groupMembers)
			.set({ mutedUntil: new Date(Date.now() + 3600_000) })
			.where(and(eq(groupMembers.groupId, g.groupId), eq(groupMembers.userId, a.userId)));
		await expect(assertCanPost(app.db, await access())).rejects.toMatchObject({
			fields: { body: 'groups_err_muted' }
		});
		await app.db.update(groups).set({ closedAt: new Date() }).where(eq(groups.id, g.groupId));
		await expect(assertCanPost(app.db, await access())).rejects.toMatchObject({
			fields: { body: 'groups_err_closed' }
		});
		// A closed group is read-only for its facilitators too.
		const facilitator = await groupFor(app.db, g.facilitators[0] ?? null, g.groupId);
		await expect(assertCanPost(app.db, facilitator)).rejects.toMatchObject({
			fields: { body: 'groups_err_closed' }
		});
	});
});
