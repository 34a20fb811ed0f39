// @ts-check
/*
 * How the code under src/ may depend on itself (`npm run check:deps`, part of `npm test`).
 *
 * Layers of src/lib/server, bottom to top. A module imports only its own layer and the layers
 * below it; type-only imports count too (tsPreCompilationDeps), because a type import couples the
 * two areas just the same.
 *
 *   data         the tables: every <area>/<area>.schema.ts, db/auth.schema.ts and db/schema.ts,
 *                which gathers them into one Drizzle schema (their foreign keys cross areas). A
 *                table file imports only other table files and src/lib/*.ts; any use case may
 *                read any area's tables. The order below is for code, not for tables.
 *
 *   foundation   config.ts, errors.ts, validation.ts, logger.ts, app.ts, shutdown.ts, db/ (the
 *                client), crypto/, i18n/, dates/, realtime/, access/, audit/, auth/, mail/, jobs/,
 *                and the shared
 *                helpers src/lib/*.ts (format.ts, types.ts). It imports no capability. Of the
 *                capabilities' tables it may use only the foundation's own (ARCHITECTURE.md,
 *                "Data model (foundation)"): sites/sites.schema.ts and people/people.schema.ts,
 *                which the Actor is built from.
 *                app.ts is here, not among the web helpers: it holds the process's services
 *                (config, database, auth, mailer, realtime), does not touch SvelteKit, and use
 *                cases take its `App`. auth/ is here too: better-auth's setup and the one step
 *                from a session to an Actor, both needed below every capability.
 *
 *   capabilities, in this order; each may import the ones before it, never one after it:
 *
 *      1. sites          a service: settings, languages, crisis contacts
 *      2. account        one's own account: sign-up, sign-in, second factor, sessions
 *      3. people         site members, invitations, profiles, roles, name lookups
 *      4. content        generic authoring helpers shared by courses and programmes
 *      5. goals          recovery goals and steps
 *      6. courses        courses, lessons, reflections (lessons propose steps into goals)
 *      7. cohorts        facilitated IMR runs of a course
 *      8. programmes     group programmes as versioned content
 *      9. groups         peer groups: enrolment, sessions, reminders, calendar
 *     10. safety         risk phrases, screening, member blocks
 *     11. board          a group's board
 *     12. live-room      a group session's live room
 *     13. moderation     reports and the moderation queue over boards and rooms
 *     14. companionship  peer companionship and its supervision
 *     15. demo           the demo site's seed data
 *     16. ops            backup and restore
 *
 *   web          routes/, hooks.*.ts, service-worker.ts, lib/components/, and the server's web
 *                helpers: forms.ts (form actions), csp.ts (headers), auth/cookies.ts (better-auth's
 *                cookies onto SvelteKit's). Only these import @sveltejs/kit or $app/*, and nothing
 *                below the web layer imports them.
 *
 *   src/cli/ and src/lib/server/testing/ sit on top: they put the pieces together.
 *   Tests (*.test.ts) are leaves that set up whatever they need, so the order does not bind them.
 *
 * Cycles: no module cycle at all (no-circular); with the order above and the foundation importing
 * no capability, no two capabilities can depend on each other either.
 */

const server = 'src/lib/server/';
const esc = (/** @type {string} */ s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&');
const anyOf = (/** @type {string[]} */ items) => `(${items.map(esc).join('|')})`;

/** Foundation folders and files of src/lib/server. */
const foundationFolders = [
	'db',
	'crypto',
	'i18n',
	'dates',
	'realtime',
	'access',
	'audit',
	'auth',
	'mail',
	'jobs'
];
const foundationFiles = ['config', 'errors', 'validation', 'logger', 'app', 'shutdown'];

/** Capabilities, bottom to top (see above). */
const capabilities = [
	'sites',
	'account',
	'people',
	'content',
	'goals',
	'courses',
	'cohorts',
	'programmes',
	'groups',
	'safety',
	'board',
	'live-room',
	'moderation',
	'companionship',
	'demo',
	'ops'
];

const webHelpers = [`${server}forms.ts`, `${server}csp.ts`, `${server}auth/cookies.ts`];

const tests = '\\.test\\.ts$';
/** Table files: db/schema.ts, db/auth.schema.ts, <area>/<area>.schema.ts. */
const tables = `^${server}[^/]+/(schema|[^/]+\\.schema)\\.ts$`;
const sharedHelpers = '^src/lib/[^/]+\\.ts$';
const foundationTables = `^${server}(sites/sites|people/people)\\.schema\\.ts$`;
const foundation = [
	`^${server}${anyOf(foundationFolders)}/`,
	`^${server}${anyOf(foundationFiles)}\\.ts$`,
	sharedHelpers
];
const web = [
	'^src/routes/',
	'^src/hooks\\.(server|client)\\.ts$',
	'^src/service-worker\\.ts$',
	'^src/lib/components/',
	`^${anyOf(webHelpers)}$`
];
const capabilityCode = (/** @type {string[]} */ areas) => `^${server}${anyOf(areas)}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'No module depends on itself through others (type-only imports included).',
			severity: 'error',
			from: {},
			to: { circular: true }
		},
		{
			name: 'known-areas-only',
			comment:
				'Every folder and file of src/lib/server has a place in the layers: add a new area to ' +
				'the order in .dependency-cruiser.cjs (and to docs/ARCHITECTURE.md) before using it.',
			severity: 'error',
			from: {
				path: `^${server}`,
				pathNot: [
					`^${server}${anyOf(['testing', ...foundationFolders, ...capabilities])}/`,
					`^${server}${anyOf([...foundationFiles, 'forms', 'csp'])}(\\.test)?\\.ts$`
				]
			},
			to: {}
		},
		{
			name: 'data-imports-only-data',
			comment:
				'Table files import only other table files and src/lib/*.ts: they are the bottom ' +
				'layer, which every other layer reads.',
			severity: 'error',
			from: { path: tables },
			to: { path: '^src/', pathNot: [tables, sharedHelpers] }
		},
		{
			name: 'foundation-imports-no-capability',
			comment:
				'The foundation imports no capability (nor the web layer, the CLI or test helpers); ' +
				'of the capabilities’ tables it uses only sites and people (the Actor’s).',
			severity: 'error',
			from: { path: foundation, pathNot: [tests, tables, ...webHelpers.map((p) => `^${esc(p)}$`)] },
			to: {
				path: [capabilityCode(capabilities), ...web, '^src/cli/', `^${server}testing/`],
				pathNot: foundationTables
			}
		},
		...capabilities.map((area, i) => ({
			name: `capability-order-${area}`,
			comment:
				`${area} imports only the foundation and the capabilities before it ` +
				`(${capabilities.slice(0, i).join(', ') || 'none'}); tables are data, not code.`,
			severity: /** @type {const} */ ('error'),
			from: { path: `^${server}${esc(area)}/`, pathNot: tests },
			to: {
				path: [
					...(i + 1 < capabilities.length ? [capabilityCode(capabilities.slice(i + 1))] : []),
					...web,
					'^src/cli/',
					`^${server}testing/`
				],
				pathNot: tables
			}
		})),
		{
			name: 'sveltekit-only-in-web',
			comment:
				'Only routes, hooks, components and the web helpers (forms.ts, csp.ts, auth/cookies.ts) ' +
				'import SvelteKit; use cases throw AppError and return data.',
			severity: 'error',
			from: { path: '^src/', pathNot: web },
			to: {
				path: ['(^|/)node_modules/@sveltejs/kit/', '^@sveltejs/kit', '^\\$app/', '^\\$env/']
			}
		},
		{
			name: 'test-helpers-only-in-tests',
			comment: 'Production code never imports test helpers or tests.',
			severity: 'error',
			from: { path: '^src/', pathNot: [tests, `^${server}testing/`] },
			to: { path: [`^${server}testing/`, tests] }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^\\.svelte-kit/', '^src/lib/paraglide/'] },
		// Type-only imports count: they tie two areas together as much as a value import does.
		tsPreCompilationDeps: true,
		// The generated tsconfig holds the $lib paths; tsconfig-paths resolves an extended file's
		// paths against the wrong folder, so it is named directly (`svelte-kit sync` writes it).
		tsConfig: { fileName: '.svelte-kit/tsconfig.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			mainFields: ['module', 'main', 'types', 'typings']
		},
		skipAnalysisNotInRules: true,
		reporterOptions: { text: { highlightFocused: true } }
	}
};
