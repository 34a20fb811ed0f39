// The 100,000-member scale test's data (Performance issue): the demo site (its accounts can sign
// in) grown by bulk SQL to 100,000 members, 5,000 groups, a million board posts, a million chat
// messages, enrolments, goals, reflections, a moderation queue and audit records. PostgreSQL only:
// one statement per table with generate_series, not the use cases one by one.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { App } from '../app';
import { rowsOf } from '../db/client';
import { sites } from '../sites/sites.schema';
import { user } from '../db/auth.schema';
import { sealReflection } from '../courses/reflection-text';
import { recordMac, type AuditContent } from '../audit/audit-mac';
import { sealAuditTrail } from '../audit/seal-audit-trail';
import { seedDemo } from './seed-demo';

export type ScaleSize = {
	members: number;
	groups: number;
	threadsPerGroup: number;
	repliesPerThread: number;
	sessionsPerGroup: number;
	messagesPerSession: number;
	reflections: number;
	auditRecords: number;
	moderationItems: number;
};

/** 100,000 members in 5,000 groups of 20; 1,000,000 board posts and 1,000,000 chat messages. */
export const FULL_SCALE: ScaleSize = {
	members: 100_000,
	groups: 5_000,
	threadsPerGroup: 20,
	repliesPerThread: 9,
	sessionsPerGroup: 10,
	messagesPerSession: 20,
	reflections: 20_000,
	auditRecords: 200_000,
	moderationItems: 2_000
};

export type ScaleSeeded = { siteSlug: string; counts: Record<string, number>; seconds: number };

/** A version-4-shaped uuid made from md5 of `text`: the same every run, and accepted by isUuid. */
const uuidOf = (text: SQL) =>
	sql`overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

const SCALE_EMAIL = (n: SQL) => sql`'scale-' || ${n} || '@scale.kith.local'`;

/**
 * Seeds the scale data into the demo site, creating it first when it is missing. Refuses to run
 * twice on one database (the first scale member exists). `log` hears each step and its time.
 */
export async function seedScale({
	app,
	password,
	size = FULL_SCALE,
	log = () => {}
}: {
	app: App;
	password: string;
	size?: ScaleSize;
	log?: (line: string) => void;
}): Promise<ScaleSeeded | null> {
	if (app.database.kind !== 'postgres')
		throw new Error('seed:scale needs PostgreSQL (DATABASE_URL); the embedded PGlite is too small');
	const started = Date.now();
	const db = app.db;
	const step = async (what: string, q: SQL) => {
		const t = Date.now();
		await db.execute(q);
		log(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	};
	await seedDemo({ app, password });
	const [site] = await db.select().from(sites).where(eq(sites.slug, 'demo')).limit(1);
	if (!site) throw new Error('the demo site is missing');
	const [already] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(user.email, 'scale-1@scale.kith.local'))
		.limit(1);
	if (already) return null;
	const one = async <T>(q: SQL): Promise<T> => {
		const [row] = rowsOf<T>(await db.execute(q));
		if (!row) throw new Error('the demo site is incomplete');
		return row;
	};
	const { admin } = await one<{ admin: string }>(
		sql`select u.id as admin from "user" u where u.email = 'admin@demo.kith.local'`
	);
	const { facilitator } = await one<{ facilitator: string }>(
		sql`select u.id as facilitator from "user" u where u.email = 'peer@demo.kith.local'`
	);
	const { programme } = await one<{ programme: string }>(
		sql`select id as programme from group_programmes where site_id = ${site.id} order by id limit 1`
	);
	const siteId = site.id;
	const m = size.members;
	const g = size.groups;
	const perGroup = Math.max(1, Math.floor(m / g));

	// Members: accounts without a password (they cannot sign in; the demo accounts can).
	await step(
		'members',
		sql`insert into "user" (id, name, email, email_verified, created_at, updated_at)
			select 'scale-u-' || n, 'Scale member ' || n, ${SCALE_EMAIL(sql`n`)}, true,
				now() - (n % 700) * interval '1 day', now()
			from generate_series(1, ${m}::int) n`
	);
	await step(
		'profiles',
		sql`insert into profiles (user_id, display_name, locale, welcomed_at)
			select 'scale-u-' || n, 'Member ' || n,
				(array['en','th','da','de','sw','he'])[1 + n % 6], now()
			from generate_series(1, ${m}::int) n`
	);
	await step(
		'memberships',
		sql`insert into memberships (site_id, user_id, role, created_at)
			select ${siteId}::uuid, 'scale-u-' || n, 'member', now() - (n % 700) * interval '1 day'
			from generate_series(1, ${m}::int) n`
	);
	// Groups of `perGroup` members each, led by the demo peer worker.
	await step(
		'groups',
		sql`insert into groups (id, site_id, programme_id, name, locale, capacity, created_by, created_at)
			select ('00000000-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, ${siteId}::uuid,
				${programme}::uuid, 'Scale group ' || n, 'en', ${perGroup + 2}::int, ${admin},
				now() - (n % 365) * interval '1 day'
			from generate_series(1, ${g}::int) n`
	);
	const groupId = (n: SQL) =>
		sql`('00000000-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
	await step(
		'group facilitators',
		sql`insert into group_facilitators (group_id, user_id, kind)
			select ${groupId(sql`n`)}, ${facilitator}, 'peer' from generate_series(1, ${g}::int) n`
	);
	await step(
		'group members',
		sql`insert into group_members (group_id, user_id, status, agreement_accepted_at, calendar_token)
			select ${groupId(sql`1 + (n - 1) % ${g}::int`)}, 'scale-u-' || n, 'member', now(),
				md5('scale-cal-' || n)
			from generate_series(1, least(${m}::int, ${g * perGroup}::int)) n`
	);
	// The demo member also belongs to the first scale group: its board is the one the bench opens.
	await step(
		'demo member in a scale group',
		sql`insert into group_members (group_id, user_id, status, agreement_accepted_at, calendar_token)
			select ${groupId(sql`1`)}, u.id, 'member', now(), md5('scale-cal-demo')
			from "user" u where u.email = 'member@demo.kith.local'`
	);
	// Board: threads (no thread_id) and replies; authors are the group's own members.
	const t = size.threadsPerGroup;
	const r = size.repliesPerThread;
	await step(
		'board threads',
		sql`insert into board_posts (id, group_id, author_id, title, body, created_at, last_activity_at)
			select ${uuidOf(sql`'scale-thread-' || gi || '-' || ti`)}, ${groupId(sql`gi`)},
				'scale-u-' || (gi + ${g}::int * ((ti - 1) % ${perGroup}::int)),
				'Thread ' || ti || ' of group ' || gi,
				'A scale-test thread: how the week went, and what helped. ' || repeat('Some more words. ', 5),
				now() - ((${t}::int - ti) * interval '1 day') - gi * interval '1 second',
				now() - ((${t}::int - ti) * interval '1 day') + interval '2 hours' - gi * interval '1 second'
			from generate_series(1, ${g}::int) gi, generate_series(1, ${t}::int) ti`
	);
	await step(
		'board replies',
		sql`insert into board_posts (group_id, thread_id, author_id, body, created_at, last_activity_at)
			select ${groupId(sql`gi`)}, ${uuidOf(sql`'scale-thread-' || gi || '-' || ti`)},
				'scale-u-' || (gi + ${g}::int * ((ti + ri) % ${perGroup}::int)),
				'A reply, number ' || ri || '. Thank you for writing this; it helped me too.',
				now() - ((${t}::int - ti) * interval '1 day') + ri * interval '10 minutes',
				now() - ((${t}::int - ti) * interval '1 day') + ri * interval '10 minutes'
			from generate_series(1, ${g}::int) gi, generate_series(1, ${t}::int) ti,
				generate_series(1, ${r}::int) ri`
	);
	// Past sessions, each with its chat.
	const s = size.sessionsPerGroup;
	await step(
		'group sessions',
		sql`insert into group_sessions (id, group_id, number, starts_at, ends_at, delivery, status)
			select ${uuidOf(sql`'scale-session-' || gi || '-' || si`)}, ${groupId(sql`gi`)}, si,
				now() - (${s}::int - si + 1) * interval '7 days',
				now() - (${s}::int - si + 1) * interval '7 days' + interval '90 minutes', 'live', 'closed'
			from generate_series(1, ${g}::int) gi, generate_series(1, ${s}::int) si`
	);
	await step(
		'chat messages',
		sql`insert into chat_messages (session_id, author_id, client_id, body, created_at)
			select ${uuidOf(sql`'scale-session-' || gi || '-' || si`)},
				'scale-u-' || (gi + ${g}::int * ((si + ci) % ${perGroup}::int)),
				${uuidOf(sql`'scale-chat-' || gi || '-' || si || '-' || ci`)},
				'Message ' || ci || ': I am here, listening.',
				now() - (${s}::int - si + 1) * interval '7 days' + ci * interval '1 minute'
			from generate_series(1, ${g}::int) gi, generate_series(1, ${s}::int) si,
				generate_series(1, ${size.messagesPerSession}::int) ci`
	);
	// Courses: every member enrolled in one of the site's courses; a fifth with a goal.
	await step(
		'enrolments',
		sql`insert into enrolments (site_id, course_id, user_id, enrolled_at)
			select ${siteId}::uuid, c.id, 'scale-u-' || n, now() - (n % 300) * interval '1 day'
			from generate_series(1, ${m}::int) n
			join lateral (select id from courses where site_id = ${siteId}::uuid
				order by id offset (n % (select count(*) from courses where site_id = ${siteId}::uuid))
				limit 1) c on true`
	);
	await step(
		'goals',
		sql`insert into goals (site_id, user_id, text, status, created_at, updated_at)
			select ${siteId}::uuid, 'scale-u-' || n, 'Walk to the shop and back, three times a week',
				(array['active','active','done'])[1 + n % 3], now() - (n % 200) * interval '1 day', now()
			from generate_series(1, ${m}::int, 5) n`
	);
	await step(
		'goal steps',
		sql`insert into goal_steps (goal_id, text, position, status)
			select id, 'Step ' || p, p, 'open' from goals, generate_series(1, 3) p
			where user_id like 'scale-u-%'`
	);
	// Reflections are ciphertext bound to their row: made here, a batch at a time.
	const { lesson } = await one<{ lesson: string }>(
		sql`select l.id as lesson from lessons l join course_modules cm on cm.id = l.module_id
			join courses c on c.id = cm.course_id where c.site_id = ${siteId}::uuid order by l.id limit 1`
	);
	let tick = Date.now();
	for (let from = 1; from <= size.reflections; from += 2000) {
		const rows: SQL[] = [];
		for (let n = from; n < Math.min(from + 2000, size.reflections + 1); n++) {
			const where = { userId: `scale-u-${n}`, lessonId: lesson, promptKey: 'scale' };
			const body = sealReflection(app.config.secret, where, `What I noticed this week, ${n}.`);
			rows.push(sql`(${siteId}::uuid, ${where.userId}, ${lesson}::uuid, 'scale', ${body})`);
		}
		await db.execute(sql`insert into reflections (site_id, user_id, lesson_id, prompt_key, body_encrypted)
			values ${sql.join(rows, sql`, `)}`);
	}
	log(`reflections: ${((Date.now() - tick) / 1000).toFixed(1)} s`);
	await step(
		'moderation queue',
		sql`insert into moderation_items (site_id, group_id, target_type, target_id, author_id, kind,
				urgency, reason, reported_by, status, created_at, resolved_at)
			select ${siteId}::uuid, ${groupId(sql`gi`)}, 'board_post',
				${uuidOf(sql`'scale-thread-' || gi || '-1'`)}::text, 'scale-u-' || gi, 'report',
				(array['routine','routine','urgent'])[1 + gi % 3], 'Reported in the scale test',
				'scale-u-' || (gi + ${g}::int), case when gi % 4 = 0 then 'open' else 'resolved' end,
				now() - gi * interval '1 hour', case when gi % 4 = 0 then null else now() end
			from generate_series(1, ${size.moderationItems}::int) gi`
	);
	// Audit records: each with its MAC (made by this app's key), then sealed into the chain.
	tick = Date.now();
	const actions = ['auth.sign_in', 'board.read', 'board.thread_read', 'goal.read', 'course.enrol'];
	for (let from = 1; from <= size.auditRecords; from += 5000) {
		const rows: SQL[] = [];
		for (let n = from; n < Math.min(from + 5000, size.auditRecords + 1); n++) {
			const content: AuditContent = {
				at: new Date(Date.now() - (size.auditRecords - n) * 60_000),
				actorUserId: `scale-u-${1 + (n % m)}`,
				actingRole: 'member',
				siteId,
				action: actions[n % actions.length] ?? 'auth.sign_in',
				entityType: 'session',
				entityId: `scale-${n}`,
				outcome: 'success',
				ip: null,
				details: null
			};
			rows.push(
				sql`(${content.at.toISOString()}::timestamptz, ${content.actorUserId}, 'member', ${siteId}::uuid,
					${content.action}, 'session', ${content.entityId}, 'success', ${recordMac(content)})`
			);
		}
		await db.execute(sql`insert into audit_log (at, actor_user_id, acting_role, site_id, action,
				entity_type, entity_id, outcome, mac) values ${sql.join(rows, sql`, `)}`);
	}
	log(`audit records: ${((Date.now() - tick) / 1000).toFixed(1)} s`);
	tick = Date.now();
	await sealAuditTrail({ db, batchSize: 20_000 });
	log(`audit sealing: ${((Date.now() - tick) / 1000).toFixed(1)} s`);
	await step('analyze', sql`analyze`);

	const counted = rowsOf<Record<string, string | number>>(
		await db.execute(sql`select
			(select count(*) from memberships where site_id = ${siteId}::uuid) as members,
			(select count(*) from groups where site_id = ${siteId}::uuid) as groups,
			(select count(*) from board_posts) as board_posts,
			(select count(*) from chat_messages) as chat_messages,
			(select count(*) from enrolments) as enrolments,
			(select count(*) from goals) as goals,
			(select count(*) from reflections) as reflections,
			(select count(*) from moderation_items) as moderation_items,
			(select count(*) from audit_log) as audit_records`)
	)[0];
	const counts = Object.fromEntries(Object.entries(counted ?? {}).map(([k, v]) => [k, Number(v)]));
	return { siteSlug: site.slug, counts, seconds: Math.round((Date.now() - started) / 1000) };
}
