// Fails when a generated file no longer matches its source: the Drizzle migrations (schema), the
// better-auth Drizzle schema (auth config), the Paraglide message functions (catalogues) and the
// lockfile's entries for other platforms (scripts/complete-lockfile.js).
// Each generator writes to a temporary folder, and the result is compared with the tree.
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
	existsSync,
	statSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'kith-gen-'));
const bin = (name) => join('node_modules', '.bin', name);
// The project's own Node (24, from node_modules/.bin) runs the generators too.
const env = {
	...process.env,
	PATH: `${join(process.cwd(), 'node_modules', '.bin')}:${process.env.PATH}`
};
const run = (cmd, args) => execFileSync(bin(cmd), args, { stdio: 'pipe', encoding: 'utf8', env });
let stale = [];

function files(dir) {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true })
		.map((f) => join(dir, String(f)))
		.filter((f) => statSync(f).isFile());
}

function sameTree(a, b) {
	const fa = files(a)
		.map((f) => relative(a, f))
		.sort();
	const fb = files(b)
		.map((f) => relative(b, f))
		.sort();
	if (fa.join('\n') !== fb.join('\n')) return false;
	return fa.every((f) => readFileSync(join(a, f), 'utf8') === readFileSync(join(b, f), 'utf8'));
}

try {
	// 1. Migrations: generating against the committed snapshots must produce nothing new.
	const out = join(tmp, 'drizzle');
	cpSync('drizzle', out, { recursive: true });
	const cfg = join(tmp, 'drizzle.config.mjs');
	writeFileSync(
		cfg,
		`export default { dialect: 'postgresql', schema: '${join(process.cwd(), 'src/lib/server/db/schema.ts')}', out: '${out}' };`
	);
	run('drizzle-kit', ['generate', '--config', cfg]);
	if (!sameTree('drizzle', out))
		stale.push('drizzle/ migrations are behind the schema: run `npm run generate:db`');

	// 2. better-auth's tables, generated from the auth configuration.
	const authOut = join(tmp, 'auth.schema.ts');
	run('auth', [
		'generate',
		'--config',
		'src/lib/server/auth/auth.cli.ts',
		'--output',
		authOut,
		'--yes'
	]);
	if (readFileSync(authOut, 'utf8') !== readFileSync('src/lib/server/db/auth.schema.ts', 'utf8')) {
		stale.push('src/lib/server/db/auth.schema.ts is stale: run `npm run generate:auth`');
	}

	// 3. Message functions compiled from the catalogues.
	const i18nOut = join(tmp, 'paraglide');
	run('paraglide-js', [
		'compile',
		'--project',
		'./project.inlang',
		'--outdir',
		i18nOut,
		'--strategy',
		'custom-kith',
		'baseLocale',
		'--silent'
	]);
	if (!sameTree('src/lib/paraglide', i18nOut))
		stale.push('src/lib/paraglide is stale: run `npm run generate:i18n`');

	// 4. The lockfile lists every platform's optional build, so `npm ci` accepts it anywhere.
	try {
		execFileSync('node', ['scripts/complete-lockfile.js', '--check'], { stdio: 'pipe', env });
	} catch (e) {
		stale.push(`package-lock.json is incomplete: run \`npm run lock:complete\`\n${e.stderr}`);
	}
} finally {
	rmSync(tmp, { recursive: true, force: true });
}

if (stale.length) {
	for (const s of stale) console.error(`stale: ${s}`);
	process.exit(1);
}
console.log('generated files are up to date (migrations, auth schema, messages, lockfile)');
