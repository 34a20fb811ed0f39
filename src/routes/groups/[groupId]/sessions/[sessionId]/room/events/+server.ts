import type { RequestHandler } from './$types';
import { pageError } from '$lib/server/forms';
import { openRoomStream, resumeFrom } from '$lib/server/live-room/open-room-stream';

/** The room's live events (Server-Sent Events); resumes after Last-Event-ID or ?after=. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const stream = await openRoomStream({
		deps: locals.app,
		actor: locals.actor,
		input: {
			groupId: params.groupId,
			sessionId: params.sessionId,
			roomId: url.searchParams.get('room'),
			after: resumeFrom(request.headers.get('last-event-id'), url.searchParams.get('after'))
		},
		signal: request.signal
	}).catch(pageError);
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Proxies such as nginx must pass events on at once rather than buffer them.
			'x-accel-buffering': 'no'
		}
	});
};
