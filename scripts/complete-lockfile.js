// Keeps package-lock.json complete for every platform, so `npm ci` accepts it on any machine.
//
// A lockfile names each platform's build of a native package (Rollup, lix, jco…) as an optional
// entry with its `os`/`cpu`/`libc`; npm installs only the one that fits the machine and checks
// that every other one is listed. This workplace's registry does not serve every platform's build
// of every version, and npm then silently leaves those entries out; `npm ci` refuses the result
// (npm/cli#9846). See docs/decisions/0003-complete-lockfile.md.
//
//   node scripts/complete-lockfile.js          add the missing entries (asks the registry for
//                                              each one's os/cpu/libc, from the nearest version
//                                              it serves)
//   node scripts/complete-lockfile.js --check  fail, without the network, when one is missing
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const check = process.argv.includes('--check');
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

/** Where npm would look for `name` required from the package at `from` (Node's resolution). */
function resolves(from, name) {
	let base = from;
	for (;;) {
		const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
		if (packages[candidate]) return true;
		if (!base) return false;
		const cut = base.lastIndexOf('/node_modules/');
		base = cut === -1 ? '' : base.slice(0, cut);
	}
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		if (!resolves(path, name)) missing.push({ parent: path, name, range, dev: entry.dev === true });
	}
}

if (check) {
	if (missing.length) {
		for (const m of missing)
			console.error(`${LOCK}: ${m.parent || '(root)'} → ${m.name}@${m.range} is missing`);
		console.error('Run `node scripts/complete-lockfile.js` after `npm install`.');
		process.exit(1);
	}
	process.exit(0);
}

/** The platform fields of `name`, from `range` if the registry serves it, else its latest version. */
function platformOf(name, range) {
	for (const spec of [`${name}@${range}`, name]) {
		try {
			const out = execFileSync('npm', ['view', spec, 'os', 'cpu', 'libc', '--json'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			});
			const parsed = JSON.parse(out || '{}');
			const one = Array.isArray(parsed) ? parsed.at(-1) : parsed;
			if (one && (one.os || one.cpu)) return one;
		} catch {
			// not served here: try the next spec
		}
	}
	throw new Error(`${name}: the registry serves no version to read its os/cpu from`);
}

for (const m of missing) {
	const platform = platformOf(m.name, m.range);
	const entry = { version: m.range };
	if (platform.cpu) entry.cpu = [platform.cpu].flat();
	if (m.dev) entry.dev = true;
	if (platform.libc) entry.libc = [platform.libc].flat();
	entry.optional = true;
	if (platform.os) entry.os = [platform.os].flat();
	const at = `${m.parent ? `${m.parent}/` : ''}node_modules/${m.name}`;
	const hoisted = `node_modules/${m.name}`;
	packages[packages[hoisted] ? at : hoisted] = entry;
	console.log(
		`added ${m.name}@${m.range} (${[entry.os, entry.cpu, entry.libc].flat().filter(Boolean).join(' ')})`
	);
}

lock.packages = Object.fromEntries(
	Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en'))
);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
