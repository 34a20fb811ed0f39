// @ts-check
/*
 * How the code under src/ may depend on itself (`npm run check:deps`, part of `npm test`).
 *
 * One order, bottom to top. A module imports only its own area and the areas before it;
 * type-only imports count too (tsPreCompilationDeps), because a type import ties two areas
 * together just as much. Paths are under src/lib/server unless they say otherwise.
 *
 * 0. data: the tables. Every <area>/<area>.schema.ts, db/auth.schema.ts, and db/schema.ts, which
 *    gathers them into one Drizzle schema (their foreign keys cross areas). A table file imports
 *    only other table files and src/lib/*.ts. Any use case may read any area's tables: the order
 *    below is for code, not for tables.
 *
 * Foundation: imports no capability. Of the capabilities' tables it uses only the foundation's
 * own (ARCHITECTURE.md, "Data model (foundation)"): sites/sites.schema.ts and
 * people/people.schema.ts, which the Actor is built from.
 *
 *    1. src/lib/*.ts   helpers shared with the browser (format.ts, types.ts)
 *    2. config.ts      the environment, parsed once
 *    3. errors.ts      AppError and its code → status table
 *    4. logger.ts
 *    5. validation.ts  Zod primitives shared by every use case
 *    6. crypto/
 *    7. i18n/          languages, message lookup, time zones
 *    8. dates/         calendar arithmetic (Temporal)
 *    9. jobs/          advisory locks and periodic work
 *   10. db/            the client (PGlite or PostgreSQL), transactions
 *   11. realtime/      the notification bus
 *   12. access/        permissions, the Actor, requireAccess
 *   13. audit/         recordAudit, sealing, verifying
 *   14. auth/          better-auth's setup, and the one step from a session to an Actor
 *   15. mail/          the mailer and the mails better-auth sends
 *   15b. scheduler/    durable jobs: stored, claimed, retried, dead-lettered (decision 0010)
 *   16. app.ts         the process's services (config, database, auth, mailer, realtime); not a
 *                      web helper: it never touches SvelteKit, and use cases take its `App`
 *   17. shutdown.ts    stopping the process
 *   17b. today/        the home page's card type and how cards are composed; each capability
 *                      gives its own card, and the web's list (web/today-sources.ts) names them
 *
 * Capabilities: each builds on the whole foundation and on the capabilities before it.
 *
 *   18. sites          a service: settings, languages, crisis contacts
 *   19. account        one's own account: sign-up, sign-in, second factor, sessions
 *   20. people         site members, invitations, profiles, roles, name lookups
 *   21. content        authoring helpers shared by courses and programmes
 *   22. goals          recovery goals and steps
 *   23. courses        courses, lessons, reflections (a lesson proposes steps into goals)
 *   24. cohorts        facilitated IMR runs of a course
 *   25. programmes     group programmes as versioned content
 *   25b. notifications the notification centre, preferences and the delivery log
 *   25c. care-team     a member's care team (assigned professional, peer workers, carers),
 *                      hand-overs, requests for a change, a supporter's caseload
 *   26. groups         peer groups: enrolment, sessions, reminders, calendar
 *   27. safety         risk phrases, screening, member blocks
 *   28. board          a group's board
 *   29. live-room      a group session's live room
 *   30. moderation     reports and the moderation queue over boards and rooms
 *   31. companionship  peer companionship and its supervision
 *   31b. outcomes      questionnaires, check-in schedules, answers, scores and charts
 *   31d. plans         a member's recovery plan and safety plan, versioned, shared with supporters
 *   31e. resources     the resource directory, interests, matching, picks and follow-ups
 *   31f. network       the network map, its summary, snapshots, sharing and facilitated sessions
 *   32. demo           the demo site's seed data
 *   33. ops            backup and restore
 *
 * On top, importing whatever they need:
 *   web      src/routes/, src/hooks.*.ts, src/service-worker.ts, src/lib/components/, and the
 *            server's web helpers forms.ts (form actions), csp.ts (headers), auth/cookies.ts
 *            (better-auth's cookies onto SvelteKit's) and web/ (actions several routes share). Only the web imports @sveltejs/kit, $app/*
 *            or $env/*, and nothing below it imports the web.
 *   src/cli/ and testing/ put the pieces together; only tests import testing/.
 *   Tests (*.test.ts) are leaves that set up whatever they need, so the order does not bind them.
 *
 * No cycles: no module cycle at all (no-circular), and since every area imports only areas before
 * it, no two areas depend on each other either.
 */

const server = 'src/lib/server/';
const esc = (/** @type {string} */ s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&');
const folder = (/** @type {string} */ name) => ({ name, path: `^${server}${esc(name)}/` });
const file = (/** @type {string} */ name) => ({ name, path: `^${server}${esc(name)}\\.ts$` });

/** The foundation, bottom to top (see above). */
const foundation = [
	{ name: 'shared', path: '^src/lib/[^/]+\\.ts$' },
	file('config'),
	file('errors'),
	file('logger'),
	file('validation'),
	folder('crypto'),
	folder('i18n'),
	folder('dates'),
	folder('jobs'),
	folder('db'),
	folder('realtime'),
	folder('access'),
	folder('audit'),
	folder('auth'),
	folder('mail'),
	folder('scheduler'),
	file('app'),
	file('shutdown'),
	folder('today')
];

/** The capabilities, bottom to top (see above). */
const capabilities = [
	'sites',
	'account',
	'people',
	'content',
	'goals',
	'courses',
	'cohorts',
	'programmes',
	'notifications',
	'care-team',
	'groups',
	'safety',
	'board',
	'live-room',
	'moderation',
	'companionship',
	'outcomes',
	'plans',
	'resources',
	'network',
	'demo',
	'ops'
].map(folder);

/** The server's web helpers, with their tests. */
const webHelpers = ['forms', 'csp', 'auth/cookies']
	.map((name) => ({
		name,
		path: `^${server}${esc(name)}(\\.test)?\\.ts$`
	}))
	.concat([
		// Form-action glue shared by several routes (the editors' pages, the goal step forms).
		{ name: 'web', path: `^${server}web/` }
	]);
const web = [
	'^src/routes/',
	'^src/hooks\\.(server|client)\\.ts$',
	'^src/service-worker\\.ts$',
	'^src/lib/components/',
	...webHelpers.map((h) => h.path)
];
/** Above the layers: the web, the command line and the test helpers. */
const top = [...web, '^src/cli/', `^${server}testing/`];

const tests = '\\.test\\.ts$';
/** Table files: db/schema.ts, db/auth.schema.ts, <area>/<area>.schema.ts. */
const tables = `^${server}[^/]+/(schema|[^/]+\\.schema)\\.ts$`;
const foundationTables = `^${server}(sites/sites|people/people)\\.schema\\.ts$`;

/** @typedef {{ name: string, path: string }} Area */
/** Rule: code of `area` imports nothing from `later`, nor the top (tables are data, not code). */
const orderRule = (
	/** @type {string} */ layer,
	/** @type {Area} */ area,
	/** @type {Area[]} */ before,
	/** @type {Area[]} */ later
) => ({
	name: `${layer}-order-${area.name}`,
	comment:
		`${area.name} imports only what comes before it: ` +
		`${before.map((a) => a.name).join(', ') || 'nothing but tables'}.`,
	severity: /** @type {const} */ ('error'),
	from: { path: area.path, pathNot: [tests, tables, ...webHelpers.map((h) => h.path)] },
	to: { path: [...later.map((a) => a.path), ...top], pathNot: tables }
});

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
				'Every folder and file of src/lib/server has its place in the order: add a new area ' +
				'to .dependency-cruiser.cjs (and docs/ARCHITECTURE.md) before using it.',
			severity: 'error',
			from: {
				path: `^${server}`,
				pathNot: [
					...[...foundation, ...capabilities, ...webHelpers].map((a) => a.path),
					`^${server}testing/`,
					tests
				]
			},
			to: {}
		},
		{
			name: 'tables-import-only-tables',
			comment:
				'Table files import only other table files and src/lib/*.ts: they are the bottom ' +
				'layer, which every other layer reads.',
			severity: 'error',
			from: { path: tables },
			to: { path: '^src/', pathNot: [tables, foundation[0].path] }
		},
		{
			name: 'foundation-imports-no-capability',
			comment:
				'The foundation imports no capability; of the capabilities’ tables it reads only ' +
				'sites and people (the Actor is built from them).',
			severity: 'error',
			from: {
				path: foundation.map((a) => a.path),
				pathNot: [tests, tables, ...webHelpers.map((h) => h.path)]
			},
			to: { path: capabilities.map((a) => a.path), pathNot: foundationTables }
		},
		...foundation.map((area, i) =>
			orderRule('foundation', area, foundation.slice(0, i), foundation.slice(i + 1))
		),
		...capabilities.map((area, i) =>
			orderRule('capability', area, capabilities.slice(0, i), capabilities.slice(i + 1))
		),
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
			comment: 'Production code never imports the test helpers or a test.',
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
		// The generated tsconfig holds the $lib paths. tsconfig-paths resolves the paths of an
		// extended file against the wrong folder, so that file is named directly (`svelte-kit sync`
		// writes it; check:deps runs the sync first).
		tsConfig: { fileName: '.svelte-kit/tsconfig.json' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			mainFields: ['module', 'main', 'types', 'typings']
		},
		skipAnalysisNotInRules: true
	}
};
