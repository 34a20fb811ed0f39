import { fail, type Action } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { failWith, pageError, parseForm, t } from '$lib/server/forms';
import { formatDate, formatDateTime } from '$lib/format';
import { displayZone, siteZoneOf } from '$lib/server/dates/display-zone';
import { getGroup } from '$lib/server/groups/get-group';
import { joinGroup, leaveGroup } from '$lib/server/groups/join-group';
import {
	decideRequest,
	inviteMember,
	removeMember,
	ZDecideRequestInput,
	ZInviteMemberInput,
	ZRemoveMemberInput
} from '$lib/server/groups/manage-enrolment';
import {
	acceptAgreement,
	respondToInvitation,
	setReminderPrefs,
	ZReminderPrefsInput
} from '$lib/server/groups/member-choices';
import { closeGroup, ZCloseGroupInput } from '$lib/server/groups/close-group';
import { rotateCalendarToken } from '$lib/server/groups/rotate-calendar-token';
import {
	cancelSession,
	scheduleGroupSessions,
	SessionClashError,
	ZScheduleForm
} from '$lib/server/groups/schedule-group-sessions';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireSignedIn(locals.actor);
	const input = { groupId: params.groupId, locale: locals.locale };
	const group = await getGroup({ db: locals.app.db, actor, input }).catch(pageError);
	// Sessions are scheduled on the site's clock: a person on another clock sees both.
	const siteZone = siteZoneOf(actor.site);
	const ownZone = displayZone({ profile: locals.profile, site: actor.site });
	const at = (d: Date, zone: string) => formatDateTime(d, locals.locale, zone);
	return {
		siteZone,
		ownZone,
		group: {
			...group,
			closedOn: group.closedAt ? formatDate(group.closedAt, locals.locale, ownZone) : null,
			sessions: group.sessions.map(({ startsAt, endsAt, ...s }) => ({
				...s,
				past: endsAt < new Date(),
				minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000),
				own: at(startsAt, ownZone),
				site: ownZone === siteZone ? null : at(startsAt, siteZone)
			}))
		}
	};
};

const ZGroupOnly = z.object({});
const ZSession = z.object({ sessionId: z.string().max(100) });

/** Runs a use case for a form and answers with a confirmation, or the errors next to the fields. */
async function run<T extends z.ZodType>(
	{ request, locals }: { request: Request; locals: App.Locals },
	schema: T,
	act: (data: z.infer<T>) => Promise<unknown>,
	done: (result: unknown) => string
) {
	const form = await parseForm(request, schema);
	if (!form.ok) return form.failure;
	try {
		return { done: done(await act(form.data)) };
	} catch (e) {
		if (e instanceof SessionClashError)
			return fail(409, {
				values: form.values,
				errors: {
					first: t('groups_err_overlap', {
						group: e.clash.groupName,
						when: formatDateTime(e.clash.startsAt, locals.locale, locals.actor?.site?.timeZone)
					})
				},
				message: t('err_form')
			});
		return failWith(e, form.values);
	}
}

const joined = (status: unknown) =>
	status === 'member'
		? t('groups_joined')
		: status === 'waitlisted'
			? t('groups_waitlisted_message')
			: status === 'requested'
				? t('groups_requested_message')
				: t('groups_declined_message');

/** Accepting and declining an invitation differ only in the answer. */
const answerInvitation =
	(accept: boolean): Action<{ groupId: string }> =>
	({ request, locals, params }) =>
		run(
			{ request, locals },
			ZGroupOnly,
			() =>
				respondToInvitation({
					db: locals.app.db,
					actor: locals.actor,
					input: { ...params, accept }
				}),
			joined
		);

export const actions: Actions = {
	join: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZGroupOnly,
			() => joinGroup({ db: locals.app.db, actor: locals.actor, input: params }),
			joined
		),
	leave: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZGroupOnly,
			() => leaveGroup({ db: locals.app.db, actor: locals.actor, input: params }),
			() => t('groups_left')
		),
	accept_invitation: answerInvitation(true),
	decline_invitation: answerInvitation(false),
	agreement: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZGroupOnly,
			() => acceptAgreement({ db: locals.app.db, actor: locals.actor, input: params }),
			() => t('groups_agreement_accepted')
		),
	reminders: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZReminderPrefsInput.omit({ groupId: true }),
			(data) =>
				setReminderPrefs({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			() => t('groups_reminders_saved')
		),
	decide: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZDecideRequestInput.omit({ groupId: true }),
			(data) =>
				decideRequest({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			(status) =>
				status === 'declined' ? t('groups_request_declined') : t('groups_request_approved')
		),
	invite: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZInviteMemberInput.omit({ groupId: true }),
			(data) =>
				inviteMember({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			() => t('groups_invited')
		),
	remove: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZRemoveMemberInput.omit({ groupId: true }),
			(data) =>
				removeMember({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			() => t('groups_removed')
		),
	schedule: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZScheduleForm,
			(data) =>
				scheduleGroupSessions({
					db: locals.app.db,
					actor: locals.actor,
					input: { ...data, ...params }
				}),
			() => t('groups_scheduled')
		),
	rotate_calendar: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZGroupOnly,
			() => rotateCalendarToken({ db: locals.app.db, actor: locals.actor, input: params }),
			() => t('groups_calendar_rotated')
		),
	close: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZCloseGroupInput.omit({ groupId: true }),
			(data) =>
				closeGroup({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			() => t('groups_closed_done')
		),
	cancel: ({ request, locals, params }) =>
		run(
			{ request, locals },
			ZSession,
			(data) =>
				cancelSession({ db: locals.app.db, actor: locals.actor, input: { ...data, ...params } }),
			() => t('groups_session_cancelled')
		)
};
