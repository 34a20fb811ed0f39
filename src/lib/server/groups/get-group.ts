import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { mayUse } from '../access/use-case-permissions';
import { notFound } from '../errors';
import { renderMarkdown } from '../content/render-markdown';
import { groupFacilitators, groupMembers, groups, groupSessions } from './groups.schema';
import { groupProgrammes } from '../programmes/programmes.schema';
import { requireGroupUser, roleIn, type GroupRole } from './group-access';
import { peerNames } from '../people/names';
import { placesLeft, withdrawnByClosing } from './enrolment';
import { programmeText } from '../programmes/programme-text';
import { summariseGroup, type GroupSummary } from './group-summary';
import { isUuid } from '../validation';
import { recordViewBehind } from '../audit/record-audit';

/** `withdrawn`: their request, waitlist place or invitation ended when the group closed. */
type MyStatus =
	'member' | 'waitlisted' | 'requested' | 'invited' | 'declined' | 'left' | 'withdrawn' | null;

export type GroupOverview = {
	id: string;
	name: string;
	locale: string;
	capacity: number;
	enrolment: 'open' | 'request' | 'invitation';
	closed: boolean;
	closedAt: Date | null;
	placesLeft: number;
	programme: {
		title: string;
		summary: string;
		kind: 'course' | 'ongoing';
		/** The language of title and summary: the group's, as far as the programme is written in it. */
		locale: string;
		/** Every language the programme is published in. */
		languages: string[];
	};
	/** The actor's role; null for a member looking at a group they may join or were invited to. */
	role: GroupRole | null;
	myStatus: MyStatus;
	/** The agreement as safe HTML, and whether the actor accepted it (members only). */
	agreementHtml: string;
	agreementAccepted: boolean;
	reminders: { inApp: boolean; email: boolean } | null;
	calendarToken: string | null;
	facilitators: { userId: string; name: string | null; kind: 'peer' | 'professional' }[];
	sessions: {
		id: string;
		number: number | null;
		theme: string | null;
		startsAt: Date;
		endsAt: Date;
		delivery: 'live' | 'in_person' | 'video';
		place: string | null;
		videoUrl: string | null;
		status: 'scheduled' | 'open' | 'closed' | 'cancelled';
		/** The actor may enter its live room: a live session of an open group, not yet over. */
		room: boolean;
		/** The actor (a facilitator) may cancel it: an open group's session, not yet over. */
		cancellable: boolean;
	}[];
	/** Pseudonyms of the members; only for people in the group. */
	members: { userId: string; name: string | null }[];
	/** For facilitators: who asks, waits or was invited. */
	pending: {
		userId: string;
		name: string | null;
		status: 'requested' | 'waitlisted' | 'invited';
	}[];
	summary: GroupSummary | null;
	/** What the actor may do here: the page offers these forms and no others. */
	may: {
		/** Hold a place at all: anyone but the group's facilitators and moderators. */
		enrol: boolean;
		/** Join, ask to join or take a waitlist place (a group not by invitation, still open). */
		join: boolean;
		/** Leave the group, or withdraw a request or waitlist place. */
		leave: boolean;
		answerInvitation: boolean;
		acceptAgreement: boolean;
		/** Decide requests, invite, schedule and close: a facilitator of a group still open. */
		manage: boolean;
	};
};

/**
 * A group's overview as the actor may see it. Members, facilitators and moderators see all of it
 * (audited); a member of the site sees the outline of a group they may join, or were invited to,
 * waitlisted for or asked to join — never its members. Once an open or by-request group closes,
 * its outline still answers (saying it closed) rather than vanishing; so does a group by
 * invitation for the people whose request closing withdrew. Anyone else: "not found".
 */
export async function getGroup({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { groupId: string; locale: string };
}): Promise<GroupOverview> {
	const { actor, site } = requireGroupUser(given);
	if (!isUuid(input.groupId)) throw notFound();
	const [group] = await db
		.select()
		.from(groups)
		.where(and(eq(groups.id, input.groupId), eq(groups.siteId, site.id)))
		.limit(1);
	if (!group) throw notFound();
	const role = await roleIn(db, actor, group.id);
	const [mine] = await db
		.select()
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, actor.userId)))
		.limit(1);
	const myStatus: MyStatus = withdrawnByClosing(group, mine)
		? 'withdrawn'
		: mine && mine.status !== 'removed'
			? mine.status
			: null;
	if (!role) {
		const waiting =
			myStatus && ['waitlisted', 'requested', 'invited', 'withdrawn'].includes(myStatus);
		const listed = group.enrolment !== 'invitation';
		if (!mayUse(actor, 'groups.take_part') || mine?.status === 'removed' || !(waiting || listed))
			throw notFound();
	}
	const [programme] = await db
		.select({ kind: groupProgrammes.kind })
		.from(groupProgrammes)
		.where(eq(groupProgrammes.id, group.programmeId))
		.limit(1);
	const text = await programmeText(db, group.programmeId, group.locale, site.defaultLocale);
	const themes = new Map(text?.sessions.map((s) => [s.number, s.theme]) ?? []);
	const leaders = await db
		.select({ userId: groupFacilitators.userId, kind: groupFacilitators.kind })
		.from(groupFacilitators)
		.where(eq(groupFacilitators.groupId, group.id))
		.orderBy(asc(groupFacilitators.addedAt), asc(groupFacilitators.userId));
	const staffIds = new Set(leaders.map((l) => l.userId));
	const sessions = await db
		.select()
		.from(groupSessions)
		.where(eq(groupSessions.groupId, group.id))
		.orderBy(asc(groupSessions.startsAt));
	const people = role
		? await db
				.select({ userId: groupMembers.userId, status: groupMembers.status })
				.from(groupMembers)
				.where(
					and(
						eq(groupMembers.groupId, group.id),
						inArray(
							groupMembers.status,
							role === 'member' ? ['member'] : ['member', 'requested', 'waitlisted', 'invited']
						)
					)
				)
				.orderBy(asc(groupMembers.updatedAt))
		: [];
	const names = await peerNames(
		db,
		[...leaders.map((l) => l.userId), ...people.map((p) => p.userId)],
		staffIds
	);
	const summary =
		role === 'facilitator'
			? await summariseGroup(db, group, text?.fidelityItems.map((f) => f.key) ?? [])
			: null;
	// Group content read by someone of the group: written behind the page (decision 0009).
	if (role)
		recordViewBehind(db, actor, {
			action: 'group.read',
			entityType: 'group',
			entityId: group.id,
			details: { role }
		});
	const isMember = role === 'member' || myStatus === 'waitlisted';
	const closed = !!group.closedAt;
	const now = new Date();
	const ahead = (s: { status: string; endsAt: Date }) =>
		s.status !== 'cancelled' && s.endsAt >= now;
	return {
		id: group.id,
		name: group.name,
		locale: group.locale,
		capacity: group.capacity,
		enrolment: group.enrolment,
		closed,
		closedAt: group.closedAt,
		placesLeft: await placesLeft(db, group),
		programme: {
			title: text?.title ?? '',
			summary: text?.summary ?? '',
			kind: programme?.kind ?? 'course',
			locale: text?.locale ?? group.locale,
			languages: text?.languages ?? []
		},
		role,
		myStatus,
		agreementHtml: text ? renderMarkdown(text.agreement).html : '',
		agreementAccepted: !!mine?.agreementAcceptedAt,
		reminders: isMember && mine ? { inApp: mine.remindersInApp, email: mine.remindersEmail } : null,
		calendarToken: isMember && mine ? mine.calendarToken : null,
		facilitators: leaders.map((l) => ({
			userId: l.userId,
			kind: l.kind,
			name: names.get(l.userId) ?? null
		})),
		sessions: sessions.map((s) => ({
			id: s.id,
			number: s.number,
			theme: s.number === null ? null : (themes.get(s.number) ?? null),
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			delivery: s.delivery,
			place: role ? s.place : null,
			videoUrl: role ? s.videoUrl : null,
			status: s.status,
			room: !!role && !closed && s.delivery === 'live' && ahead(s),
			cancellable: role === 'facilitator' && !closed && ahead(s)
		})),
		members: people
			.filter((p) => p.status === 'member')
			.map((p) => ({ userId: p.userId, name: names.get(p.userId) ?? null })),
		pending:
			role === 'facilitator'
				? people.flatMap((p) =>
						p.status === 'requested' || p.status === 'waitlisted' || p.status === 'invited'
							? [{ userId: p.userId, name: names.get(p.userId) ?? null, status: p.status }]
							: []
					)
				: [],
		summary,
		may: {
			enrol: role !== 'facilitator' && role !== 'moderator',
			join:
				!role &&
				!closed &&
				(myStatus === null || myStatus === 'left' || myStatus === 'declined') &&
				group.enrolment !== 'invitation',
			leave: myStatus === 'member' || myStatus === 'waitlisted' || myStatus === 'requested',
			answerInvitation: myStatus === 'invited',
			acceptAgreement: role === 'member' && !mine?.agreementAcceptedAt && !closed,
			manage: role === 'facilitator' && !closed
		}
	};
}
