import { randomInt } from 'node:crypto';
import { companionProfiles } from '../companionship/companionship.schema';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { App } from '../app';
import { createSite } from '../sites/create-site';
import { getSiteBySlug } from '../sites/get-site';
import { ZCreateSiteInput } from '../sites/site.validation';
import { createVerifiedAccount } from '../people/create-account';
import { memberships, type SiteRole } from '../people/people.schema';
import { recordAudit } from '../audit/record-audit';
import { seedDemoRoom } from './seed-demo-room';
import { CourseFormatError, type CourseIssue, type ParsedCourse } from '../courses/course-format';
import { parseCourse } from '../courses/parse-course';
import { importCourse, prepareCourseForSite } from '../courses/import-course';
import {
	ProgrammeFormatError,
	parseProgramme,
	type ParsedProgramme,
	type ProgrammeIssue
} from '../programmes/parse-programme';
import { importProgramme, programmeIssuesForSite } from '../programmes/import-programme';
import { seedDemoGroup } from './seed-demo-group';
import { demoCrisisWords } from './demo-crisis-words';
import { seedDemoCareTeam } from './seed-demo-care-team';
import { seedDemoToday } from './seed-demo-today';
import { seedDemoSafety } from './seed-demo-safety';
import { seedDemoPlans } from './seed-demo-plans';
import { seedDemoResources } from './seed-demo-resources';
import { seedDemoNetwork } from './seed-demo-network';
import { seedDemoOutcomes } from './seed-demo-outcomes';

export const DEMO_SLUG = 'demo';
const DEMO_LOCALES = ['en', 'th', 'da', 'de', 'sw', 'he'];
/** The shipped courses: every folder here is imported into the demo site. */
export const SHIPPED_COURSES_DIR = 'content/courses';
/** The shipped group programmes: every folder here is imported into the demo site too. */
export const SHIPPED_PROGRAMMES_DIR = 'content/programmes';

export type DemoAccount = {
	role: SiteRole | 'platform_admin';
	email: string;
	name: string;
	pseudonym: string | null;
};

export const demoAccounts: DemoAccount[] = [
	{ role: 'member', email: 'member@demo.kith.local', name: 'Maya Member', pseudonym: 'Sunflower' },
	// A second member, so groups and cohorts can be tried with more than one person in them.
	{ role: 'member', email: 'member2@demo.kith.local', name: 'Sam Member', pseudonym: 'Pebble' },
	{ role: 'peer_worker', email: 'peer@demo.kith.local', name: 'Peter Peer', pseudonym: 'Peter P' },
	// Groups are led by two peers: the demo group's co-facilitator.
	{ role: 'peer_worker', email: 'peer2@demo.kith.local', name: 'Paula Peer', pseudonym: 'Paula P' },
	{
		role: 'professional',
		email: 'professional@demo.kith.local',
		name: 'Dr Priya Professional',
		pseudonym: null
	},
	{ role: 'carer', email: 'carer@demo.kith.local', name: 'Carl Carer', pseudonym: 'Carl' },
	{
		role: 'moderator',
		email: 'moderator@demo.kith.local',
		name: 'Mona Moderator',
		pseudonym: 'Mona (moderator)'
	},
	{ role: 'site_admin', email: 'admin@demo.kith.local', name: 'Ada Admin', pseudonym: null },
	{
		role: 'researcher',
		email: 'researcher@demo.kith.local',
		name: 'Rui Researcher',
		pseudonym: null
	},
	{
		role: 'platform_admin',
		email: 'platform@demo.kith.local',
		name: 'Pat Platform',
		pseudonym: null
	}
];

const words = [
	'river',
	'lantern',
	'meadow',
	'harbour',
	'pebble',
	'willow',
	'cedar',
	'orbit',
	'maple',
	'comet',
	'fern',
	'tide'
];
/** A password easy to type from the console: three words and a number. */
export const makeDemoPassword = (): string =>
	`${words[randomInt(words.length)]}-${words[randomInt(words.length)]}-${words[randomInt(words.length)]}-${randomInt(10, 99)}`;

/**
 * Reads and checks every course folder under `dir` against the demo site's languages, and throws
 * one CourseFormatError listing every problem in every folder, so content writers see them all.
 */
async function readShippedCourses(dir: string, siteSlug: string): Promise<ParsedCourse[]> {
	const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
	const folders = entries
		.filter((e) => e.isDirectory() && !e.name.startsWith('.'))
		.map((e) => e.name)
		.sort();
	const parsed: ParsedCourse[] = [];
	const issues: CourseIssue[] = [];
	const inFolder = (name: string, list: CourseIssue[]) =>
		list.map((i) => ({ ...i, file: `${name}/${i.file}` }));
	for (const name of folders) {
		try {
			const course = await parseCourse(join(dir, name));
			const check = prepareCourseForSite(course, { slug: siteSlug, locales: DEMO_LOCALES });
			issues.push(...inFolder(name, check.issues));
			parsed.push(course);
		} catch (e) {
			if (!(e instanceof CourseFormatError)) throw e;
			issues.push(...inFolder(name, e.issues));
		}
	}
	if (issues.length > 0) throw new CourseFormatError(issues, dir);
	return parsed;
}

/** Like readShippedCourses, for the group programme folders. */
async function readShippedProgrammes(dir: string, siteSlug: string): Promise<ParsedProgramme[]> {
	const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
	const folders = entries
		.filter((e) => e.isDirectory() && !e.name.startsWith('.'))
		.map((e) => e.name)
		.sort();
	const parsed: ParsedProgramme[] = [];
	const issues: ProgrammeIssue[] = [];
	const inFolder = (name: string, list: ProgrammeIssue[]) =>
		list.map((i) => ({ ...i, file: `${name}/${i.file}` }));
	for (const name of folders) {
		try {
			const programme = await parseProgramme(join(dir, name));
			issues.push(
				...inFolder(
					name,
					programmeIssuesForSite(programme, { slug: siteSlug, locales: DEMO_LOCALES })
				)
			);
			parsed.push(programme);
		} catch (e) {
			if (!(e instanceof ProgrammeFormatError)) throw e;
			issues.push(...inFolder(name, e.issues));
		}
	}
	if (issues.length > 0) throw new ProgrammeFormatError(issues, dir);
	return parsed;
}

/**
 * The demo site, with one account for every role, all sharing one password, and every shipped
 * course. Returns null when the demo site exists already (so starting Kith again keeps
 * everything as it was). Course files are checked before anything is created, so a mistake in
 * one fails the seed with its file and line and leaves no half-made demo site behind.
 */
export async function seedDemo({
	app,
	password,
	slug = DEMO_SLUG,
	name = 'Kith Demo Service',
	emailDomain = 'demo.kith.local',
	requireStaffSecondFactor = false,
	coursesDir = SHIPPED_COURSES_DIR,
	programmesDir = SHIPPED_PROGRAMMES_DIR
}: {
	app: App;
	password: string;
	slug?: string;
	name?: string;
	emailDomain?: string;
	requireStaffSecondFactor?: boolean;
	coursesDir?: string;
	programmesDir?: string;
}): Promise<{ accounts: DemoAccount[]; courses: string[]; programmes: string[] } | null> {
	if (await getSiteBySlug({ db: app.db, slug })) return null;
	const shipped = await readShippedCourses(coursesDir, slug);
	const programmes = await readShippedProgrammes(programmesDir, slug);
	const accounts = demoAccounts.map((a) => ({
		...a,
		email: a.email.replace('demo.kith.local', emailDomain)
	}));
	const site = await createSite({
		db: app.db,
		actor: null,
		input: ZCreateSiteInput.parse({
			slug,
			name,
			defaultLocale: 'en',
			locales: DEMO_LOCALES,
			timeZone: 'Europe/Copenhagen',
			selfRegistration: 'on',
			requireStaffSecondFactor,
			isDemo: 'on',
			crisisContacts: [
				'Emergency services | 112 | | | 24 hours | If someone is in danger right now, call.',
				'Demo listening line (example only, not a real service) | +45 70 00 00 00 | 1234 | https://example.org/help | Every day 18:00-02:00 | Talk to someone who listens, without giving your name.'
			].join('\n'),
			...demoCrisisWords
		})
	});
	const userIds = new Map<string, string>();
	await app.db.transaction(async (tx) => {
		for (const a of accounts) {
			const userId = await createVerifiedAccount({
				app,
				tx,
				email: a.email,
				name: a.name,
				password,
				pseudonym: a.pseudonym,
				isPlatformAdmin: a.role === 'platform_admin',
				// Demo accounts are for showing Kith: they open on Today, not on the welcome.
				welcomed: true
			});
			userIds.set(a.email, userId);
			if (a.role !== 'platform_admin')
				await tx.insert(memberships).values({ siteId: site.id, userId, role: a.role });
			await recordAudit(tx, {
				actorUserId: null,
				actingRole: 'operator',
				siteId: site.id,
				action: 'account.create_demo',
				entityType: 'user',
				entityId: userId,
				outcome: 'success',
				ip: null,
				details: { role: a.role }
			});
		}
	});
	for (const course of shipped)
		await importCourse({ db: app.db, actor: null, siteId: site.id, course });
	for (const programme of programmes)
		await importProgramme({ db: app.db, actor: null, siteId: site.id, programme });
	const idOf = (local: string) =>
		userIds.get(accounts.find((a) => a.email.startsWith(`${local}@`))?.email ?? '') ?? '';
	await seedDemoGroup({
		app,
		site,
		leaders: [idOf('peer'), idOf('peer2')],
		members: [idOf('member'), idOf('member2')]
	});
	await app.db.transaction((tx) =>
		seedDemoRoom(tx, site, { facilitatorId: idOf('peer'), memberId: idOf('member') })
	);
	await seedDemoToday({ app, site, memberId: idOf('member') });
	await seedDemoCareTeam({
		app,
		site,
		memberId: idOf('member'),
		professionalId: idOf('professional'),
		peerId: idOf('peer')
	});
	await seedDemoSafety({
		app,
		site,
		professionalId: idOf('professional'),
		memberId: idOf('member2')
	});
	await seedDemoPlans({
		app,
		site,
		memberId: idOf('member'),
		professionalId: idOf('professional'),
		peerId: idOf('peer')
	});
	await seedDemoResources({ app, site, memberId: idOf('member') });
	await seedDemoNetwork({ app, site, memberId: idOf('member'), carerId: idOf('carer') });
	await seedDemoOutcomes({ app, site, memberId: idOf('member') });
	// One demo peer worker offers 1:1 companionship, so a coordinator has someone to suggest.
	await app.db.insert(companionProfiles).values({
		siteId: site.id,
		userId: idOf('peer2'),
		languages: ['danish', 'german'],
		interests: ['music', 'cooking', 'gardening'],
		availability: 'Weekday evenings, and Saturday mornings'
	});
	return {
		accounts,
		courses: shipped.map((c) => c.slug),
		programmes: programmes.map((p) => p.slug)
	};
}
