import {
	boolean,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	unique,
	uuid
} from 'drizzle-orm/pg-core';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';

/** The interest categories of the directory and of a member's interests (issue 13). */
export const interestCategories = [
	'creative',
	'social',
	'learning',
	'physical',
	'nature',
	'faith_culture',
	'volunteering',
	'work_training',
	'practical_help',
	'peer_support',
	'carer_support',
	'befriending',
	'health_info',
	'complementary'
] as const;
export type InterestCategory = (typeof interestCategories)[number];

export const resourceKinds = ['organisation', 'group', 'activity', 'service'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
/** What it costs, in steps a member can filter by. */
export const resourceCosts = ['free', 'low', 'paid'] as const;
export type ResourceCost = (typeof resourceCosts)[number];
export const resourceScopes = ['local', 'national', 'online'] as const;
export type ResourceScope = (typeof resourceScopes)[number];

/** A site's list of areas a member can pick as their location; each has a centre point. */
export const resourceAreas = pgTable(
	'resource_areas',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		name: text('name').notNull(),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull(),
		/** Postcodes (or their first part) that lie in the area, upper-case without spaces. */
		postcodes: text('postcodes').array().notNull().default([])
	},
	(t) => [unique('resource_areas_site_name').on(t.siteId, t.name)]
);
export type ResourceArea = typeof resourceAreas.$inferSelect;

/** One organisation, group, activity or service of a site's directory. */
export const resources = pgTable(
	'resources',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		name: text('name').notNull(),
		kind: text('kind', { enum: resourceKinds }).notNull(),
		/** Description per language code, where given. */
		descriptions: jsonb('descriptions').$type<Record<string, string>>().notNull().default({}),
		categories: text('categories').array().notNull().default([]),
		address: text('address').notNull().default(''),
		areaId: uuid('area_id').references(() => resourceAreas.id),
		lat: doublePrecision('lat'),
		lon: doublePrecision('lon'),
		openingTimes: text('opening_times').notNull().default(''),
		cost: text('cost', { enum: resourceCosts }).notNull().default('free'),
		stepFree: boolean('step_free').notNull().default(false),
		wheelchair: boolean('wheelchair').notNull().default(false),
		hearingLoop: boolean('hearing_loop').notNull().default(false),
		transport: text('transport').notNull().default(''),
		/** Language codes it is offered in, lower-case. */
		languages: text('languages').array().notNull().default([]),
		contact: text('contact').notNull().default(''),
		website: text('website').notNull().default(''),
		scope: text('scope', { enum: resourceScopes }).notNull().default('local'),
		lastCheckedOn: date('last_checked_on', { mode: 'string' }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('resources_site_name_address').on(t.siteId, t.name, t.address),
		index('resources_site_checked').on(t.siteId, t.lastCheckedOn)
	]
);
export type Resource = typeof resources.$inferSelect;

/** The directory's settings of one site. */
export const resourceSettings = pgTable('resource_settings', {
	siteId: uuid('site_id')
		.primaryKey()
		.references(() => sites.id),
	/** An entry not checked for this many months is shown to the site admin as stale. */
	staleAfterMonths: integer('stale_after_months').notNull().default(12),
	/** A pick's follow-up comes this many days after it was picked. */
	followUpDays: integer('follow_up_days').notNull().default(14)
});

export const costLimits = ['free', 'low', 'any'] as const;
export type CostLimit = (typeof costLimits)[number];
export const modePreferences = ['in_person', 'online', 'either'] as const;
export type ModePreference = (typeof modePreferences)[number];
export const companyPreferences = ['alone', 'with_someone', 'either'] as const;
export const timePreferences = ['daytime', 'evening', 'weekend', 'any'] as const;
export const travelModes = ['walk', 'public', 'car', 'none'] as const;

/**
 * A member's interests, practical needs and the location they gave (personal health data: only
 * theirs, audited when read by anyone else). The location is stored at the precision given: an
 * area of the site's list, or the coordinates as typed (text, never rounded up or tracked).
 */
export const resourceInterests = pgTable(
	'resource_interests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		categories: text('categories').array().notNull().default([]),
		maxCost: text('max_cost', { enum: costLimits }).notNull().default('any'),
		stepFree: boolean('step_free').notNull().default(false),
		wheelchair: boolean('wheelchair').notNull().default(false),
		hearingLoop: boolean('hearing_loop').notNull().default(false),
		travel: text('travel', { enum: travelModes }).notNull().default('public'),
		maxDistanceKm: integer('max_distance_km').notNull().default(10),
		language: text('language'),
		times: text('times', { enum: timePreferences }).notNull().default('any'),
		mode: text('mode', { enum: modePreferences }).notNull().default('either'),
		company: text('company', { enum: companyPreferences }).notNull().default('either'),
		areaId: uuid('area_id').references(() => resourceAreas.id),
		postcode: text('postcode'),
		lat: text('lat'),
		lon: text('lon'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('resource_interests_site_user').on(t.siteId, t.userId)]
);
export type ResourceInterests = typeof resourceInterests.$inferSelect;

export const pickStatuses = ['active', 'removed'] as const;
/** A follow-up answered in one tap: the engagement it records. */
export const followUpAnswers = [
	'went_liked',
	'went_okay',
	'went_not_for_me',
	'not_yet',
	'try_else'
] as const;
export type FollowUpAnswer = (typeof followUpAnswers)[number];

/** A resource a member picked to try (at most three active), and its follow-up. */
export const resourcePicks = pgTable(
	'resource_picks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		siteId: uuid('site_id')
			.notNull()
			.references(() => sites.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		resourceId: uuid('resource_id')
			.notNull()
			.references(() => resources.id, { onDelete: 'cascade' }),
		status: text('status', { enum: pickStatuses }).notNull().default('active'),
		pickedAt: timestamp('picked_at', { withTimezone: true }).notNull().defaultNow(),
		followUpAt: timestamp('follow_up_at', { withTimezone: true }).notNull(),
		/** When the follow-up notification was sent. */
		followUpSentAt: timestamp('follow_up_sent_at', { withTimezone: true }),
		answer: text('answer', { enum: followUpAnswers }),
		answeredAt: timestamp('answered_at', { withTimezone: true })
	},
	(t) => [
		unique('resource_picks_site_user_resource').on(t.siteId, t.userId, t.resourceId),
		index('resource_picks_user').on(t.userId, t.status)
	]
);
export type ResourcePick = typeof resourcePicks.$inferSelect;
