import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { Questionnaire } from '@medplum/fhirtypes';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { groups } from '../groups/groups.schema';

// The shapes stored in JSON columns. Table files import only tables, so they are written out here;
// the scoring engine (scoring-spec.ts, instrument.ts) uses these same types.

/** A text in several languages; English is always there, the others when written. */
export type Labels = {
	en: string;
	th?: string;
	da?: string;
	de?: string;
	sw?: string;
	he?: string;
};

/** One answer choice: its code, the value it scores, its label in each language. */
export type InstrumentOption = { code: string; value: number; label: Labels };

/** One question of an instrument, as Kith shows and scores it. */
export type InstrumentItem = {
	linkId: string;
	kind: 'choice' | 'text';
	text: Labels;
	required: boolean;
	options: InstrumentOption[];
};

/** A scoring specification whose item references are all linkIds of its questionnaire. */
export type ResolvedSpec = {
	key: string;
	items: string[];
	method: 'sum' | 'mean';
	reverse: string[];
	itemMin?: number | undefined;
	itemMax?: number | undefined;
	minAnswered?: number | undefined;
	prorate: boolean;
	subscales: { key: string; label: Labels; items: string[]; method: 'sum' | 'mean' }[];
	conversion?: [number, number][] | undefined;
	bands: { from: number; key: string; label: Labels }[];
	alerts: { item: string; atLeast: number; level: 'urgent' }[];
	higherIsBetter: boolean;
	range: { min: number; max: number };
};

/**
 * A questionnaire a site uses: the FHIR R4 file as imported, and what Kith read from it (its
 * questions and resolved scoring). A new import of the same instrument is a new version; answers
 * keep pointing at the version they answered.
 */
export const instruments = pgTable(
	'instruments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		key: text('key').notNull(),
		version: integer('version').notNull(),
		title: jsonb('title').$type<Labels>().notNull(),
		questionnaire: jsonb('questionnaire').$type<Questionnaire>().notNull(),
		items: jsonb('items').$type<InstrumentItem[]>().notNull(),
		scoring: jsonb('scoring').$type<ResolvedSpec>().notNull(),
		status: text('status', { enum: ['draft', 'published', 'retired'] })
			.notNull()
			.default('draft'),
		importedBy: text('imported_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		publishedAt: timestamp('published_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('instruments_site_key_version').on(t.siteId, t.key, t.version)]
);

/**
 * When an instrument is due for the members of a group: weekly (a window from each Monday, in
 * the site's zone), at enrolment, or N months after enrolment. A window is open for `windowDays`.
 */
export const checkinSchedules = pgTable(
	'checkin_schedules',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		instrumentId: uuid('instrument_id')
			.notNull()
			.references(() => instruments.id),
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['weekly', 'enrolment', 'follow_up'] }).notNull(),
		/** For a follow-up: months after the person joined the group. */
		months: integer('months'),
		windowDays: integer('window_days').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [index('checkin_schedules_site').on(t.siteId)]
);

/**
 * One window in which one person answers one instrument: `open` (answers are saved as given),
 * `completed` (scored), or `missed` (the window closed first: recorded, never dropped).
 */
export const checkinResponses = pgTable(
	'checkin_responses',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		instrumentId: uuid('instrument_id')
			.notNull()
			.references(() => instruments.id),
		scheduleId: uuid('schedule_id').references(() => checkinSchedules.id, {
			onDelete: 'set null'
		}),
		/** Which window of the schedule: the Monday of a week, "enrolment", "follow-up-6". */
		windowKey: text('window_key').notNull(),
		opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
		closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
		status: text('status', { enum: ['open', 'completed', 'missed'] })
			.notNull()
			.default('open'),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		total: real('total'),
		band: text('band'),
		subscales: jsonb('subscales').$type<Record<string, number | null>>(),
		/** Whether an answer met an alert rule. */
		alerted: boolean('alerted').notNull().default(false),
		/** The member would rather not see this result; it is still kept (and seen by their team). */
		hidden: boolean('hidden').notNull().default(false),
		/** When the email reminder went out (once; held back in the person's quiet hours). */
		emailedAt: timestamp('emailed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('checkin_responses_window').on(t.userId, t.instrumentId, t.windowKey),
		index('checkin_responses_site_status').on(t.siteId, t.status, t.closesAt)
	]
);

/** One answer, saved the moment it is given; a text answer is encrypted (AES-256-GCM). */
export const checkinAnswers = pgTable(
	'checkin_answers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		responseId: uuid('response_id')
			.notNull()
			.references(() => checkinResponses.id, { onDelete: 'cascade' }),
		linkId: text('link_id').notNull(),
		value: real('value'),
		textEncrypted: text('text_encrypted'),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('checkin_answers_item').on(t.responseId, t.linkId)]
);

/** How a member likes to answer: one question per screen, or all on one page. */
export const checkinPreferences = pgTable('checkin_preferences', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	onePerScreen: boolean('one_per_screen').notNull().default(true),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
