import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '$lib/server/access/actor';
import { formAction, pageError, t } from '$lib/server/forms';
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

const inUrl = { groupId: true } as const;
const ZGroupOnly = z.object({});
const ZSession = z.object({ sessionId: z.string().max(100) });

/** A use case's arguments: the form's fields plus the group from the address. */
const on = <I extends object>(
	{ locals, params }: { locals: App.Locals; params: { groupId: string } },
	input: I
) => ({ db: locals.app.db, actor: locals.actor, input: { ...input, ...params } });

const joined = (status: string) =>
	status === 'member'
		? t('groups_joined')
		: status === 'waitlisted'
			? t('groups_waitlisted_message')
			: status === 'requested'
				? t('groups_requested_message')
				: t('groups_declined_message');

export const actions: Actions = {
	join: formAction(ZGroupOnly, (input, e) => joinGroup(on(e, input)), { done: joined }),
	leave: formAction(ZGroupOnly, (input, e) => leaveGroup(on(e, input)), { done: 'groups_left' }),
	accept_invitation: formAction(
		ZGroupOnly,
		(_, e) => respondToInvitation(on(e, { accept: true })),
		{ done: joined }
	),
	decline_invitation: formAction(
		ZGroupOnly,
		(_, e) => respondToInvitation(on(e, { accept: false })),
		{ done: joined }
	),
	agreement: formAction(ZGroupOnly, (input, e) => acceptAgreement(on(e, input)), {
		done: 'groups_agreement_accepted'
	}),
	reminders: formAction(
		ZReminderPrefsInput.omit(inUrl),
		(input, e) => setReminderPrefs(on(e, input)),
		{ done: 'groups_reminders_saved' }
	),
	decide: formAction(ZDecideRequestInput.omit(inUrl), (input, e) => decideRequest(on(e, input)), {
		done: (status) =>
			t(status === 'declined' ? 'groups_request_declined' : 'groups_request_approved')
	}),
	invite: formAction(ZInviteMemberInput.omit(inUrl), (input, e) => inviteMember(on(e, input)), {
		done: 'groups_invited'
	}),
	remove: formAction(ZRemoveMemberInput.omit(inUrl), (input, e) => removeMember(on(e, input)), {
		done: 'groups_removed'
	}),
	schedule: formAction(ZScheduleForm, (input, e) => scheduleGroupSessions(on(e, input)), {
		done: 'groups_scheduled'
	}),
	rotate_calendar: formAction(ZGroupOnly, (input, e) => rotateCalendarToken(on(e, input)), {
		done: 'groups_calendar_rotated'
	}),
	close: formAction(ZCloseGroupInput.omit(inUrl), (input, e) => closeGroup(on(e, input)), {
		done: 'groups_closed_done'
	}),
	cancel: formAction(ZSession, (input, e) => cancelSession(on(e, input)), {
		done: 'groups_session_cancelled'
	})
};
