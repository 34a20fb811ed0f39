// A worker process for the scheduler's crash test (scheduler.int.test.ts): it claims the due job
// of kind `test.crash`, says "started" on stdout and then hangs inside the handler until the
// test kills it. Usage: tsx crash-worker.ts <postgres-url | pglite-data-folder> <lease-ms>
import { openDatabase } from '../db/client';
import { runDueJobs } from '../scheduler/scheduler';

const [where = '', lease = '500'] = process.argv.slice(2);
const database = where.startsWith('postgres')
	? openDatabase({ url: where, dataDir: '.' })
	: openDatabase({ dataDir: where });
await runDueJobs({
	db: database.db,
	workerId: 'crashing-worker',
	leaseMs: Number(lease),
	handlers: new Map([
		[
			'test.crash',
			() => {
				process.stdout.write('started\n');
				// Never settles, and keeps the process alive: it is killed mid-job.
				setInterval(() => undefined, 1000);
				return new Promise(() => undefined);
			}
		]
	])
});
