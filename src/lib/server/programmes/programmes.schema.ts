import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

/** What one language version of a programme says: its sessions' themes, guides and agreement. */
export type ProgrammeContent = {
	title: string;
	summary: string;
	/** The group agreement members accept before they can post (Markdown). */
	agreement: string;
	/** Items facilitators tick in each session log (programme fidelity). */
	fidelityItems: { key: string; label: string }[];
	/** One per session for a course; empty for an ongoing group. */
	sessions: { number: number; theme: string; guide: string }[];
};

/**
 * A group programme (PEER-style course of numbered sessions, or an ongoing UPSIDES-style group
 * with a rhythm). Its texts are versioned per language in programme_versions, like lessons.
 */
export const groupProgrammes = pgTable(
	'group_programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		slug: text('slug').notNull(),
		kind: text('kind', { enum: ['course', 'ongoing'] }).notNull(),
		/** Number of sessions of a course; null for an ongoing group. */
		sessionCount: integer('session_count'),
		rhythm: text('rhythm', { enum: ['weekly', 'fortnightly', 'monthly'] })
			.notNull()
			.default('weekly'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('group_programmes_site_slug').on(t.siteId, t.slug)]
);

export const programmeVersions = pgTable(
	'programme_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => groupProgrammes.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		version: integer('version').notNull(),
		status: text('status', { enum: ['draft', 'published'] }).notNull(),
		/** The source file (front matter + Markdown), kept for export and history. */
		source: text('source').notNull(),
		content: jsonb('content').$type<ProgrammeContent>().notNull(),
		createdBy: text('created_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('programme_versions_n').on(t.programmeId, t.locale, t.version)]
);
