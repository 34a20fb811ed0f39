import type { App } from '../app';
import { registerJobHandler, registerRecurring } from '../scheduler/scheduler';
import { sendDigests } from './send-digests';

export const DIGEST_JOB = 'notifications.digest';

/** Sends the daily digests through the scheduler: one round an hour, one instance at a time. */
export function startDigests(app: App): void {
	registerJobHandler(DIGEST_JOB, () =>
		sendDigests({ db: app.db, mail: app.mailer, origin: app.config.ORIGIN })
	);
	registerRecurring({ kind: DIGEST_JOB, everyMs: 3600_000 });
}
