// The operator's import of a questionnaire file (a FHIR R4 Questionnaire with Kith's scoring, or
// a standard instrument Kith has a scoring for) into a site.
import { readFile } from 'node:fs/promises';
import { withApp } from './with-app';
import type { Command, Values } from './command';
import { getSiteBySlug } from '../lib/server/sites/get-site';
import { importInstrumentForSite } from '../lib/server/outcomes/import-instrument';
import { t } from '../lib/server/i18n/messages';

const str = (v: Values, k: string): string | undefined =>
	typeof v[k] === 'string' ? (v[k] as string) : undefined;

const help = [
	'Usage: npm run kith -- instruments:import <file> --site <slug> [--publish]',
	'',
	'Checks a questionnaire file (FHIR R4 Questionnaire JSON) and stores it on the site as a draft',
	'to preview and publish under /admin/instruments, or published at once with --publish. If',
	'anything is wrong nothing is written, and each problem is listed with the question it is in.',
	'',
	'  <file>          the questionnaire file',
	'  --site <slug>   the site to import into',
	'  --publish       publish it at once'
].join('\n');

export const instrumentCommands: Record<string, Command> = {
	'instruments:import': {
		summary: 'import a questionnaire file into a site',
		help,
		options: { site: { type: 'string' }, publish: { type: 'boolean' } },
		positionals: 1,
		run: async (v, [path]) => {
			const slug = str(v, 'site');
			if (!path || !slug) {
				console.error(
					`instruments:import: ${!slug ? '--site <slug>' : '<file>'} is required\n\n${help}`
				);
				return 2;
			}
			let file: string;
			try {
				file = await readFile(path, 'utf8');
			} catch {
				console.error(`instruments:import: cannot read ${path}`);
				return 2;
			}
			return withApp(async (app) => {
				const site = await getSiteBySlug({ db: app.db, slug });
				if (!site) {
					console.error(`instruments:import: there is no site "${slug}"`);
					return 2;
				}
				const r = await importInstrumentForSite({
					db: app.db,
					siteId: site.id,
					file,
					publish: v.publish === true
				});
				if (r.problems) {
					console.error(`instruments:import: ${path} was not imported:`);
					for (const p of r.problems)
						console.error(
							`  ${p.item ? `${p.item}: ` : ''}${t(p.message, { detail: p.detail ?? '' })}`
						);
					return 1;
				}
				console.log(
					`Imported "${r.key ?? ''}" into site "${site.slug}" (${v.publish === true ? 'published' : 'draft'}).`
				);
				return 0;
			});
		}
	}
};
