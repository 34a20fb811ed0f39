import { m } from '$lib/paraglide/messages.js';

// The words for a care team's roles, reasons and kinds of contact, in one place for its pages.

export const careRoleLabel: Record<string, () => string> = {
	care_coordinator: m.care_role_care_coordinator,
	counsellor: m.care_role_counsellor,
	peer_worker: m.care_role_peer_worker,
	companion: m.care_role_companion,
	carer: m.care_role_carer
};

export const careReasonLabel: Record<string, () => string> = {
	member_request: m.care_reason_member_request,
	staff_change: m.care_reason_staff_change,
	workload: m.care_reason_workload,
	leave: m.care_reason_leave,
	discharge: m.care_reason_discharge,
	other: m.care_reason_other
};

export const careRequestStatusLabel: Record<string, () => string> = {
	open: m.care_request_status_open,
	changed: m.care_request_status_changed,
	kept: m.care_request_status_kept
};

export const contactKindLabel: Record<string, () => string> = {
	companion_contact: m.care_contact_companion_contact,
	cohort_session: m.care_contact_cohort_session,
	group_session: m.care_contact_group_session
};
