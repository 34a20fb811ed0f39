// Work an instance does on a timer (sealing the audit trail, sending reminders), all started and
// stopped the same way. Shutdown stops every job and waits for the runs under way, so none is
// still writing when the database closes.
import { logger } from '../logger';

export type PeriodicJob = {
	readonly name: string;
	/** Stops the timer and resolves once the run under way, if any, has finished. */
	stop: () => Promise<void>;
};

const jobs = new Map<string, PeriodicJob>();

/**
 * Runs `run` now and then every `everyMs` until stopped. A run never overlaps the one before: a
 * tick that finds a run under way is skipped. A run that fails is logged ("<name> failed") and
 * the next tick tries again. The timer does not keep the process alive. Starting a name that is
 * already running answers the running job, so each kind of work runs once per process.
 */
export function startPeriodic({
	name,
	everyMs,
	run,
	final
}: {
	name: string;
	everyMs: number;
	run: () => Promise<unknown>;
	/** Run once more at stop, after the run under way (work held in memory, written out). */
	final?: () => Promise<unknown>;
}): PeriodicJob {
	const running = jobs.get(name);
	if (running) return running;
	let current: Promise<void> | null = null;
	let stopped = false;
	const tick = () => {
		if (stopped || current) return;
		// Through a promise from the start, so a run that throws at once is caught and logged too.
		current = Promise.resolve()
			.then(run)
			.then(
				() => undefined,
				(e: unknown) => logger.error({ err: e, job: name }, `${name} failed`)
			)
			.finally(() => {
				current = null;
			});
	};
	const timer = setInterval(tick, everyMs);
	timer.unref();
	const job: PeriodicJob = {
		name,
		stop: async () => {
			stopped = true;
			clearInterval(timer);
			if (jobs.get(name) === job) jobs.delete(name);
			await current;
			await final?.();
		}
	};
	jobs.set(name, job);
	tick();
	return job;
}

/** Stops every periodic job and waits for the runs under way (shutdown, before the database closes). */
export async function stopPeriodicJobs(): Promise<void> {
	await Promise.all([...jobs.values()].map((job) => job.stop()));
}
