import type { RequestHandler } from './$types';
import { AppError } from '$lib/server/errors';
import { calendarFeed } from '$lib/server/groups/calendar-feed';

// Public by rule: calendar apps fetch it without a session. The token is the credential, and a
// wrong one answers exactly like a group that does not exist.
export const GET: RequestHandler = async ({ locals, params, url, fetch, request }) => {
	try {
		const feed = await calendarFeed({
			db: locals.app.db,
			input: {
				groupId: params.groupId,
				token: url.searchParams.get('token') ?? '',
				origin: locals.app.config.ORIGIN
			}
		});
		return new Response(feed.body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': `attachment; filename="${feed.filename}"`,
				'cache-control': 'private, no-store',
				'referrer-policy': 'no-referrer'
			}
		});
	} catch (e) {
		if (e instanceof AppError && e.code === 'not_found')
			return fetch('/not-found', {
				headers: { accept: request.headers.get('accept') ?? 'text/html' }
			});
		throw e;
	}
};
