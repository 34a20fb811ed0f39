import { withApp } from './with-app';
import type { App } from '../lib/server/app';
import { seedDemo, makeDemoPassword } from '../lib/server/demo/seed-demo';
import { FULL_SCALE, seedScale, type ScaleSize } from '../lib/server/demo/seed-scale';
import { describeChainReport, verifyAuditChain } from '../lib/server/audit/verify-audit-chain';
import { parseHeadArgument, readAuditHead } from '../lib/server/audit/audit-head';
import { sealAuditTrail } from '../lib/server/audit/seal-audit-trail';
import { openSite, ZOpenSiteInput } from '../lib/server/people/open-site';
import {
	createPlatformAdmin,
	ZPlatformAdminInput
} from '../lib/server/people/create-platform-admin';
import { AppError } from '../lib/server/errors';
import { getSiteBySlug } from '../lib/server/sites/get-site';
import { CourseFormatError } from '../lib/server/courses/course-format';
import { importCourseFolder } from '../lib/server/courses/import-course';
import { exportCourse } from '../lib/server/courses/export-course';
import { ProgrammeFormatError } from '../lib/server/programmes/parse-programme';
import { importProgrammeFolder } from '../lib/server/programmes/import-programme';
import { sendDueReminders } from '../lib/server/groups/send-due-reminders';
import { backupCommand, restoreCommand } from './backup';
import { jobsCommands } from './jobs';
import { instrumentCommands } from './instruments';
import type { Command, Values } from './command';

function printDemo(
	{
		accounts,
		courses,
		programmes = []
	}: { accounts: { role: string; email: string }[]; courses: string[]; programmes?: string[] },
	password: string,
	origin: string,
	staffSecondFactor = false
): void {
	if (courses.length > 0) console.log(`Imported courses: ${courses.join(', ')}.`);
	if (programmes.length > 0) console.log(`Imported group programmes: ${programmes.join(', ')}.`);
	console.log(
		'\nKith demo site created. Sign in at ' + origin + '/signin with any of these accounts:\n'
	);
	for (const a of accounts) console.log(`  ${a.role.padEnd(15)} ${a.email}`);
	console.log(
		`\n  password for all: ${password}\n\nThis is shown once. ${
			staffSecondFactor
				? 'Staff of this site must set up a second factor when they first sign in.'
				: 'Staff of this site need no second factor; the platform admin must set one up when they first sign in.'
		}\n`
	);
}

const str = (v: Values, k: string): string | undefined =>
	typeof v[k] === 'string' ? (v[k] as string) : undefined;

function explain(e: unknown): number {
	// A course folder's problems are listed one per line with file, line and field.
	if (e instanceof CourseFormatError || e instanceof ProgrammeFormatError) {
		console.error(e.message);
		return 2;
	}
	if (e instanceof AppError) {
		const fields = Object.entries(e.fields)
			.map(([f, k]) => `${f}: ${k}`)
			.join(', ');
		console.error(`Refused: ${e.code}${fields ? ` (${fields})` : ''}`);
		return 2;
	}
	throw e;
}

/**
 * A command that imports a content folder (a course or a group programme) into a site: the folder
 * once (positional or --folder), --site required; content errors listed with file, line and field.
 */
function folderImport(spec: {
	name: string;
	what: string;
	summary: string;
	help: string;
	importFolder: (app: App, siteId: string, folder: string) => Promise<string>;
}): Command {
	return {
		summary: spec.summary,
		help: spec.help,
		options: { folder: { type: 'string' }, site: { type: 'string' } },
		positionals: 1,
		run: async (v, positionals) => {
			const folder = str(v, 'folder') ?? positionals[0];
			const slug = str(v, 'site');
			if (!folder || !slug || (positionals[0] && str(v, 'folder'))) {
				console.error(
					`${spec.name}: ${!slug ? '--site <slug> is required' : `give the ${spec.what} folder once`}\n\n${spec.help}`
				);
				return 2;
			}
			return withApp(async (app) => {
				const site = await getSiteBySlug({ db: app.db, slug });
				if (!site) {
					console.error(`${spec.name}: there is no site "${slug}"`);
					return 2;
				}
				try {
					console.log(`${await spec.importFolder(app, site.id, folder)} in site "${site.slug}".`);
					return 0;
				} catch (e) {
					return explain(e);
				}
			});
		}
	};
}

/** The site:create option that sets a field, to name it in an error. */
const siteOptions: Record<string, string> = {
	firstAdminEmail: 'admin',
	defaultLocale: 'default-locale',
	timeZone: 'time-zone',
	selfRegistration: 'self-registration',
	crisisContacts: 'crisis'
};
const option = (field: string) => siteOptions[field] ?? field;

export const commands: Record<string, Command> = {
	migrate: {
		summary: 'apply database migrations',
		help: 'Usage: npm run kith -- migrate\n\nApplies every committed migration to the configured database (PGlite under ./data, or DATABASE_URL).',
		options: {},
		run: () => withApp(async () => (console.log('Database is up to date.'), 0))
	},
	setup: {
		summary: 'migrate, and create the demo site on first run',
		help: 'Usage: npm run kith -- setup [--no-demo]\n\nMigrates the database and, unless the demo site exists or --no-demo is given, creates it and prints its accounts once.',
		options: { 'no-demo': { type: 'boolean' } },
		run: (v) =>
			withApp(async (app) => {
				if (v['no-demo']) return 0;
				const password = process.env.KITH_DEMO_PASSWORD ?? makeDemoPassword();
				let seeded;
				try {
					seeded = await seedDemo({ app, password });
				} catch (e) {
					const code = explain(e);
					console.error(
						'\nThe demo site was not created. Fix the course files above and run setup again.'
					);
					return code;
				}
				if (seeded) printDemo(seeded, password, app.config.ORIGIN);
				return 0;
			})
	},
	'seed:demo': {
		summary: 'create the demo site and its accounts',
		help: [
			'Usage: npm run kith -- seed:demo [options]',
			'',
			'Creates a demo site with one account per role and prints them. Fails if that site exists.',
			'',
			'  --password <password>    password for every account (default: generated, or KITH_DEMO_PASSWORD)',
			'  --slug <slug>            site short name (default: demo)',
			'  --name <name>            site name (default: Kith Demo Service)',
			"  --email-domain <domain>  domain of the accounts' emails (default: demo.kith.local)",
			'  --second-factor          staff must enrol a second factor on this site'
		].join('\n'),
		options: {
			password: { type: 'string' },
			slug: { type: 'string' },
			name: { type: 'string' },
			'email-domain': { type: 'string' },
			'second-factor': { type: 'boolean' }
		},
		run: (v) =>
			withApp(async (app) => {
				const password = str(v, 'password') ?? process.env.KITH_DEMO_PASSWORD ?? makeDemoPassword();
				if (password.length < 10) {
					console.error('--password must be at least 10 characters');
					return 2;
				}
				let seeded;
				try {
					seeded = await seedDemo({
						app,
						password,
						slug: str(v, 'slug'),
						name: str(v, 'name'),
						emailDomain: str(v, 'email-domain'),
						requireStaffSecondFactor: v['second-factor'] === true
					});
				} catch (e) {
					return explain(e);
				}
				if (!seeded) {
					console.error('The demo site exists already; nothing was changed.');
					return 1;
				}
				printDemo(seeded, password, app.config.ORIGIN, v['second-factor'] === true);
				return 0;
			})
	},
	'seed:scale': {
		summary: 'grow the demo site to 100,000 members for the scale test (PostgreSQL)',
		help: [
			'Usage: npm run kith -- seed:scale [options]',
			'',
			'Creates the demo site if it is missing, then adds by bulk SQL 100,000 members, 5,000 groups,',
			'a million board posts, a million chat messages, enrolments, goals, reflections, a moderation',
			'queue and 200,000 audit records. PostgreSQL only (DATABASE_URL); use a database of its own.',
			'The demo accounts sign in as usual; the scale members have no password.',
			'',
			'  --password <password>    password of the demo accounts if the site is created (or KITH_DEMO_PASSWORD)',
			'  --tenth                  a tenth of every count (a quick try)'
		].join('\n'),
		options: { password: { type: 'string' }, tenth: { type: 'boolean' } },
		run: (v) =>
			withApp(async (app) => {
				if (app.database.kind !== 'postgres') {
					console.error('seed:scale needs PostgreSQL: set DATABASE_URL to a database of its own.');
					return 2;
				}
				const password = str(v, 'password') ?? process.env.KITH_DEMO_PASSWORD ?? makeDemoPassword();
				const size: ScaleSize = v.tenth
					? (Object.fromEntries(
							Object.entries(FULL_SCALE).map(([k, n]) => [
								k,
								k.endsWith('PerThread') || k.endsWith('PerGroup') || k.endsWith('PerSession')
									? n
									: Math.ceil(n / 10)
							])
						) as ScaleSize)
					: FULL_SCALE;
				const seeded = await seedScale({ app, password, size, log: (line) => console.log(line) });
				if (!seeded) {
					console.error('This database holds the scale data already; nothing was changed.');
					return 1;
				}
				console.log(`\nSite "${seeded.siteSlug}" in ${seeded.seconds} s:`);
				for (const [k, n] of Object.entries(seeded.counts)) console.log(`  ${k.padEnd(18)} ${n}`);
				return 0;
			})
	},
	'site:create': {
		summary: 'create a site',
		help: [
			'Usage: npm run kith -- site:create --slug <slug> --name <name> --locales <en,da> --admin <email> [options]',
			'',
			'  --slug <slug>             short name used in links (a-z, 0-9, -)',
			'  --admin <email>           the first site admin: an invitation is mailed to this address',
			'  --name <name>             the service name people see',
			'  --locales <list>          languages offered, comma-separated (en, th, da, de, sw, he)',
			'  --default-locale <code>   default language (first of --locales if omitted)',
			'  --time-zone <zone>        IANA time zone, e.g. Europe/Copenhagen (default UTC)',
			'  --self-registration       members may create their own accounts',
			'  --no-second-factor        do not require a second factor for staff (not advised)',
			'  --crisis <lines>          crisis contacts, "name | phone | text | url | hours" per line;',
			'                            without one the site admits no members yet'
		].join('\n'),
		options: {
			slug: { type: 'string' },
			name: { type: 'string' },
			locales: { type: 'string' },
			'default-locale': { type: 'string' },
			'time-zone': { type: 'string' },
			'self-registration': { type: 'boolean' },
			'no-second-factor': { type: 'boolean' },
			crisis: { type: 'string' },
			admin: { type: 'string' }
		},
		run: async (v) => {
			const locales = (str(v, 'locales') ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			const parsed = ZOpenSiteInput.safeParse({
				firstAdminEmail: str(v, 'admin'),
				slug: str(v, 'slug'),
				name: str(v, 'name'),
				locales,
				defaultLocale: str(v, 'default-locale') ?? locales[0],
				timeZone: str(v, 'time-zone') ?? 'UTC',
				selfRegistration: v['self-registration'] === true,
				requireStaffSecondFactor: v['no-second-factor'] !== true,
				crisisContacts: (str(v, 'crisis') ?? '').replace(/\\n/g, '\n')
			});
			if (!parsed.success) {
				console.error(
					'site:create: ' +
						parsed.error.issues
							.map((i) => `--${option(String(i.path[0]))}: ${i.message}`)
							.join('; ')
				);
				console.error('\n' + commands['site:create']?.help);
				return 2;
			}
			return withApp(async (app) => {
				try {
					const { site, handOver } = await openSite({ app, actor: null, input: parsed.data });
					console.log(`Created site "${site.name}" (${site.slug}), id ${site.id}.`);
					console.log(`Invited ${parsed.data.firstAdminEmail} to run it.`);
					if (handOver)
						console.log(
							`No mail server is set up: give them this link (valid 7 days): ${handOver}`
						);
					if (site.crisisContacts.length === 0)
						console.log(
							'It admits no members until it lists a crisis contact (--crisis, or its settings page).'
						);
					return 0;
				} catch (e) {
					return explain(e);
				}
			});
		}
	},
	'platform-admin:create': {
		summary: 'create a platform administrator account',
		help: 'Usage: npm run kith -- platform-admin:create --email <email> --name <name> [--password <password>]\n\nWithout --password a password is generated and printed once.',
		options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
		run: async (v) => {
			const password = str(v, 'password') ?? makeDemoPassword();
			const parsed = ZPlatformAdminInput.safeParse({
				email: str(v, 'email'),
				name: str(v, 'name'),
				password
			});
			if (!parsed.success) {
				console.error(
					'platform-admin:create: ' +
						parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')
				);
				return 2;
			}
			return withApp(async (app) => {
				try {
					await createPlatformAdmin({ app, input: parsed.data });
				} catch (e) {
					return explain(e);
				}
				console.log(`Created platform administrator ${parsed.data.email}.`);
				if (!str(v, 'password')) console.log(`Password (shown once): ${password}`);
				return 0;
			});
		}
	},
	'audit:verify': {
		summary: 'check the audit trail: every record, its MAC, the chain, and the witnessed head',
		help: [
			'Usage: npm run kith -- audit:verify [--head <seq>:<hash>]',
			'',
			'Seals the records written since the last sealing, then checks every audit record in order: its',
			'MAC (a record Kith did not write, or one changed behind it, is named as forged), its hash and',
			'its link to the record before. It then compares the end of the trail with the head the server',
			'witnessed in the data folder (audit-head.json), or with --head, taken from an "audit trail head"',
			'log line: records removed from the end are named as truncation. Exits 0 when all holds, else 1.'
		].join('\n'),
		options: { head: { type: 'string' } },
		run: (v) => {
			const given = str(v, 'head');
			const fromArgument = given === undefined ? undefined : parseHeadArgument(given);
			if (fromArgument === null) {
				console.error(
					'audit:verify: --head must be <seq>:<hash> as in the "audit trail head" log line'
				);
				return Promise.resolve(2);
			}
			return withApp(async (app) => {
				let head = fromArgument;
				if (!head) {
					const read = readAuditHead(app.config.dataDir);
					if (read.kind === 'invalid') {
						console.error(
							`Audit head witness ${read.file} does not verify: it was changed, or the instance secret differs from the one that wrote it.`
						);
						return 1;
					}
					if (read.kind === 'ok') head = read.head;
				}
				await sealAuditTrail({ db: app.db });
				const report = await verifyAuditChain({ db: app.db, head });
				const line = describeChainReport(report);
				if (report.ok) {
					console.log(head ? `${line} The witnessed head (record ${head.seq}) is in place.` : line);
					return 0;
				}
				console.error(line);
				return 1;
			});
		}
	},
	'courses:import': folderImport({
		name: 'courses:import',
		what: 'course',
		summary: 'import a course folder into a site',
		help: [
			'Usage: npm run kith -- courses:import <folder> --site <slug>',
			'',
			'Checks every file of a course folder (see content/courses/FORMAT.md) and imports it into the',
			'site in one transaction. A lesson whose file changed gets a new published version; unchanged',
			'lessons keep theirs. If anything is wrong nothing is written, and each problem is listed with',
			'its file, line and field.',
			'',
			'  <folder>, --folder <path>  the course folder (the one holding course.md)',
			'  --site <slug>              the site to import into'
		].join('\n'),
		importFolder: async (app, siteId, folder) => {
			const r = await importCourseFolder({ db: app.db, actor: null, siteId, folder });
			return `${r.created ? 'Imported' : 'Updated'} course "${r.slug}" (modules: ${r.modules}, lessons: ${r.lessons}, new lesson versions: ${r.versionsCreated}, unchanged: ${r.versionsUnchanged})`;
		}
	}),
	'courses:export': {
		summary: 'write a course of a site to a folder',
		help: [
			'Usage: npm run kith -- courses:export --site <slug> --course <slug> --out <folder>',
			'',
			'Writes the course as a course folder (see content/courses/FORMAT.md): course.md and the',
			'latest version of every lesson in every language. The folder must be new or empty.',
			'',
			'  --site <slug>     the site the course belongs to',
			'  --course <slug>   the course',
			'  --out <folder>    where to write it'
		].join('\n'),
		options: { site: { type: 'string' }, course: { type: 'string' }, out: { type: 'string' } },
		run: async (v) => {
			const [slug, courseSlug, folder] = [str(v, 'site'), str(v, 'course'), str(v, 'out')];
			if (!slug || !courseSlug || !folder) {
				const missing = [!slug && '--site', !courseSlug && '--course', !folder && '--out'];
				console.error(
					`courses:export: ${missing.filter(Boolean).join(', ')} required\n\n${commands['courses:export']?.help}`
				);
				return 2;
			}
			return withApp(async (app) => {
				const site = await getSiteBySlug({ db: app.db, slug });
				if (!site) {
					console.error(`courses:export: there is no site "${slug}"`);
					return 2;
				}
				try {
					const r = await exportCourse({
						db: app.db,
						actor: null,
						siteId: site.id,
						courseSlug,
						folder
					});
					console.log(
						`Wrote course "${courseSlug}" of site "${slug}" to ${folder} (files: ${r.files}).`
					);
					return 0;
				} catch (e) {
					if (e instanceof AppError && e.code === 'not_found') {
						console.error(`courses:export: site "${slug}" has no course "${courseSlug}"`);
						return 2;
					}
					if (e instanceof AppError && e.code === 'conflict') {
						console.error(`courses:export: ${folder} is not empty; choose a new or empty folder`);
						return 2;
					}
					return explain(e);
				}
			});
		}
	},
	'programmes:import': folderImport({
		name: 'programmes:import',
		what: 'programme',
		summary: 'import a group programme folder into a site',
		help: [
			'Usage: npm run kith -- programmes:import <folder> --site <slug>',
			'',
			'Checks a group programme folder (see content/programmes/FORMAT.md: programme.yaml and one',
			'<locale>.md per language) and imports it into the site in one transaction. A language whose',
			'file changed gets a new published version; unchanged languages keep theirs. If anything is',
			'wrong nothing is written, and each problem is listed with its file, line and field.',
			'',
			'  <folder>, --folder <path>  the programme folder (the one holding programme.yaml)',
			'  --site <slug>              the site to import into'
		].join('\n'),
		importFolder: async (app, siteId, folder) => {
			const r = await importProgrammeFolder({ db: app.db, actor: null, siteId, folder });
			return `${r.created ? 'Imported' : 'Updated'} programme "${r.slug}" (new versions: ${r.versionsCreated}, unchanged: ${r.versionsUnchanged})`;
		}
	}),
	'reminders:send': {
		summary: 'send reminders of group sessions starting within 24 hours',
		help: [
			'Usage: npm run kith -- reminders:send',
			'',
			'Sends one in-app reminder and one email to every group member who has not turned them',
			'off, for each session starting within the next 24 hours. Every reminder is recorded, so',
			'running this again (or beside a running server, which does the same every few minutes)',
			'never sends one twice.'
		].join('\n'),
		options: {},
		run: () =>
			withApp(async (app) => {
				const r = await sendDueReminders({
					db: app.db,
					mail: app.mailer,
					origin: app.config.ORIGIN
				});
				if (r.skipped) {
					console.log('Another instance is sending reminders right now; nothing was done.');
					return 0;
				}
				console.log(
					`Reminders sent: ${r.inApp} in-app, ${r.email} by email${r.failed ? `, ${r.failed} emails failed` : ''}.`
				);
				return r.failed > 0 ? 1 : 0;
			})
	},
	...jobsCommands,
	...instrumentCommands,
	backup: backupCommand,
	restore: restoreCommand
};
