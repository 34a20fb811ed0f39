// Words for a group's fixed choices, shared by the group pages.
import { m } from '$lib/paraglide/messages.js';

export const deliveryLabel = {
	live: m.groups_delivery_live,
	in_person: m.groups_delivery_in_person,
	video: m.groups_delivery_video
} as const;

export const enrolmentLabel = {
	open: m.groups_enrolment_open,
	request: m.groups_enrolment_request,
	invitation: m.groups_enrolment_invitation
} as const;

export const pendingLabel = {
	requested: m.groups_status_requested,
	waitlisted: m.groups_status_waitlisted,
	invited: m.groups_status_invited
} as const;

/** A person's pseudonym, or the word for someone who has none yet. */
export const unnamed = (name: string | null): string => name ?? m.groups_unnamed();
