import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import { user } from '../db/auth.schema';
import { memberships, profiles } from '../people/people.schema';
import { courses } from '../courses/courses.schema';
import { courseTextsOf } from '../courses/course-texts';
import { cohortMembers, cohorts } from './cohorts.schema';
import { requireFacilitator } from './cohort-access';

export type CohortSummary = {
	id: string;
	name: string;
	mode: 'group' | 'individual';
	capacity: number;
	courseTitle: string;
	participants: number;
	lead: boolean;
};

export type CohortsPage = {
	cohorts: CohortSummary[];
	/** For the "open a cohort" form: the site's courses and who could co-facilitate. */
	courses: { id: string; title: string }[];
	coFacilitators: { userId: string; name: string }[];
};

/** Peer workers and professionals of the site other than `exceptUserId`, by display name. */
export async function facilitatorsOnSite(
	tx: Db | Tx,
	siteId: string,
	exceptUserId: string,
	userIds?: string[]
): Promise<{ userId: string; name: string }[]> {
	const rows = await tx
		.selectDistinct({
			userId: user.id,
			name: sql<string>`coalesce(${profiles.displayName}, ${user.name})`
		})
		.from(memberships)
		.innerJoin(user, eq(user.id, memberships.userId))
		.leftJoin(profiles, eq(profiles.userId, user.id))
		.where(
			and(
				eq(memberships.siteId, siteId),
				inArray(memberships.role, ['peer_worker', 'professional']),
				isNull(user.disabledAt),
				ne(user.id, exceptUserId),
				userIds ? inArray(user.id, userIds) : undefined
			)
		);
	return rows.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** The cohorts the actor leads or co-facilitates on their site, and the choices for a new one. */
export async function listCohorts({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string };
}): Promise<CohortsPage> {
	const { actor, site } = requireFacilitator(given);
	const mine = await db
		.select({
			id: cohorts.id,
			name: cohorts.name,
			mode: cohorts.mode,
			capacity: cohorts.capacity,
			courseId: cohorts.courseId,
			facilitatorId: cohorts.facilitatorId,
			participants: sql<number>`(select count(*)::int from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohorts.id} and ${cohortMembers.leftAt} is null)`
		})
		.from(cohorts)
		.where(
			and(
				eq(cohorts.siteId, site.id),
				isNull(cohorts.closedAt),
				or(eq(cohorts.facilitatorId, actor.userId), eq(cohorts.coFacilitatorId, actor.userId))
			)
		)
		.orderBy(asc(cohorts.createdAt), asc(cohorts.id));
	const siteCourses = await db
		.select({ id: courses.id, slug: courses.slug })
		.from(courses)
		.where(eq(courses.siteId, site.id));
	const titles = await courseTextsOf(
		db,
		siteCourses.map((c) => c.id),
		input.locale,
		site.defaultLocale
	);
	const titleOf = (id: string, slug = '') => titles.get(id)?.title ?? slug;
	return {
		cohorts: mine.map((c) => ({
			id: c.id,
			name: c.name,
			mode: c.mode,
			capacity: c.capacity,
			courseTitle: titleOf(c.courseId),
			participants: Number(c.participants),
			lead: c.facilitatorId === actor.userId
		})),
		courses: siteCourses
			.map((c) => ({ id: c.id, title: titleOf(c.id, c.slug) }))
			.sort((a, b) => a.title.localeCompare(b.title)),
		coFacilitators: await facilitatorsOnSite(db, site.id, actor.userId)
	};
}
