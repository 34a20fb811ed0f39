import { config } from '../lib/server/config';
import { createApp, type App } from '../lib/server/app';

/** Opens the configured database, migrates it, runs `fn`, and always closes it again. */
export async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
	const app = createApp(config());
	try {
		await app.database.migrate();
		return await fn(app);
	} finally {
		await app.database.close();
	}
}
