import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Actor } from '../access/actor';
import { courses } from '../courses/courses.schema';
import { courseTextsOf } from '../courses/course-texts';
import { cohortMembers, cohorts } from './cohorts.schema';
import { requireFacilitator } from './cohort-access';
import { sitePeople } from '../people/names';

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
		coFacilitators: (await sitePeople(db, site.id, ['peer_worker', 'professional'])).filter(
			(p) => p.userId !== actor.userId
		)
	};
}
