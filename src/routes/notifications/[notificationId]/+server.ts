import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { pageError } from '$lib/server/forms';
import { openNotification } from '$lib/server/notifications/read-notifications';

/** Opening a notification: read, then on to its place, if the person can still reach it. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const to = await openNotification({
		db: locals.app.db,
		actor: locals.actor,
		input: { notificationId: params.notificationId }
	}).catch(pageError);
	redirect(303, to);
};
