// The operator's view of the scheduler's jobs: list, retry, cancel (decision 0010).
import { withApp } from './with-app';
import type { App } from '../lib/server/app';
import type { Command, Values } from './command';
import { cancelJob, listJobs, retryJob } from '../lib/server/scheduler/manage-jobs';
import { jobStates, type JobState } from '../lib/server/scheduler/scheduler.schema';

const str = (v: Values, k: string): string | undefined =>
	typeof v[k] === 'string' ? (v[k] as string) : undefined;
const isState = (s: string): s is JobState => (jobStates as readonly string[]).includes(s);
const isId = (s: string | undefined): s is string =>
	s !== undefined && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** One job's command (retry or cancel), by id. */
const byId = (
	name: string,
	summary: string,
	help: string,
	act: (app: App, id: string) => Promise<boolean>,
	refused: string
): Command => ({
	summary,
	help: [`Usage: npm run kith -- ${name} <job id>`, '', help].join('\n'),
	options: {},
	positionals: 1,
	run: (_v, [id]) => {
		if (!isId(id)) {
			console.error(`${name}: give the id of a job, as jobs:list shows it`);
			return Promise.resolve(2);
		}
		return withApp(async (app) => {
			if (await act(app, id)) {
				console.log(`${name}: done for job ${id}.`);
				return 0;
			}
			console.error(`${name}: ${refused}`);
			return 1;
		});
	}
});

export const jobsCommands: Record<string, Command> = {
	'jobs:list': {
		summary: 'list stored jobs, newest first (dead ones with --state dead)',
		help: [
			'Usage: npm run kith -- jobs:list [--state <state>] [--kind <kind>] [--limit <n>]',
			'',
			'Lists the scheduler’s jobs, newest first: id, kind, state, attempts, when it runs or ran,',
			'and the last error. States: pending, running, done, dead (failed on every attempt and',
			'waiting for jobs:retry), cancelled.'
		].join('\n'),
		options: { state: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string' } },
		run: (v) => {
			const state = str(v, 'state');
			const limit = Number(str(v, 'limit') ?? '50');
			if (state !== undefined && !isState(state)) {
				console.error(`jobs:list: --state must be one of ${jobStates.join(', ')}`);
				return Promise.resolve(2);
			}
			if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
				console.error('jobs:list: --limit must be a whole number from 1 to 1000');
				return Promise.resolve(2);
			}
			return withApp(async (app) => {
				const rows = await listJobs(app.db, { state, kind: str(v, 'kind'), limit });
				if (rows.length === 0) console.log('No jobs.');
				for (const j of rows)
					console.log(
						[
							j.id,
							j.kind.padEnd(24),
							j.state.padEnd(9),
							`${j.attempts}/${j.maxAttempts}`,
							j.runAt.toISOString(),
							j.lastError ?? ''
						].join('  ')
					);
				return 0;
			});
		}
	},
	'jobs:retry': byId(
		'jobs:retry',
		'run a dead or cancelled job again',
		'Puts a dead or cancelled job back in the queue, due now, with its attempts counted afresh.',
		(app, id) => retryJob(app.db, id),
		'no dead or cancelled job has that id'
	),
	'jobs:cancel': byId(
		'jobs:cancel',
		'cancel a waiting or dead job',
		'Cancels a job that is waiting or dead, so it never runs; one running now cannot be cancelled.',
		(app, id) => cancelJob(app.db, id),
		'no waiting or dead job has that id'
	)
};
