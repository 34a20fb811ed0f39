import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeRules } from './route-rules';

const routesDir = fileURLToPath(new URL('../../../routes', import.meta.url));

/** The files that make a directory a route SvelteKit answers (layouts and errors alone do not). */
const routeFile = /^\+(page(@[^.]*)?\.svelte|page(\.server)?\.(ts|js)|server\.(ts|js))$/;

/** A route directory (relative to src/routes) → its SvelteKit route id: groups dropped, params kept. */
function routeIdOf(relativeDir: string): string {
	const segments = relativeDir.split(/[\\/]/).filter((s) => s !== '' && !/^\(.+\)$/.test(s));
	return `/${segments.join('/')}`;
}

function collectRouteIds(dir: string, found = new Set<string>()): Set<string> {
	const entries = readdirSync(dir, { withFileTypes: true });
	if (entries.some((e) => e.isFile() && routeFile.test(e.name)))
		found.add(routeIdOf(relative(routesDir, dir).split(sep).join('/')));
	for (const e of entries) if (e.isDirectory()) collectRouteIds(join(dir, e.name), found);
	return found;
}

describe('route rules', () => {
	it('derives route ids the way SvelteKit does', () => {
		expect(routeIdOf('')).toBe('/');
		expect(routeIdOf('(app)')).toBe('/');
		expect(routeIdOf('(app)/admin/people/[userId]')).toBe('/admin/people/[userId]');
		expect(routeIdOf('crisis/[site]')).toBe('/crisis/[site]');
		expect(routeIdOf('(public)/(nested)/signin')).toBe('/signin');
	});

	it('finds the routes under src/routes', () => {
		const ids = collectRouteIds(routesDir);
		// Guards against a walk that finds nothing and so passes vacuously.
		expect(ids).toContain('/');
		expect(ids).toContain('/healthz');
		expect(ids).toContain('/signin');
	});

	it('has a rule for every route, and every rule has a route', () => {
		const ids = collectRouteIds(routesDir);
		const withoutRule = [...ids].filter((id) => !(id in routeRules)).sort();
		const withoutRoute = Object.keys(routeRules)
			.filter((id) => !ids.has(id))
			.sort();
		expect(withoutRule, 'routes with no rule in route-rules.ts (the hook answers 404)').toEqual([]);
		expect(withoutRoute, 'rules in route-rules.ts whose route no longer exists').toEqual([]);
	});
});
