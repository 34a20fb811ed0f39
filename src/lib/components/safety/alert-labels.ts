// Words for a safety alert's codes, shared by the queue and the alert's page.
import { m } from '$lib/paraglide/messages.js';

export const statusLabel = (s: string): string =>
	s === 'open'
		? m.salert_status_open()
		: s === 'acknowledged'
			? m.salert_status_acknowledged()
			: m.salert_status_closed();

export const sourceLabel = (s: string): string =>
	s === 'board'
		? m.salert_source_board()
		: s === 'room'
			? m.salert_source_room()
			: s === 'checkin'
				? m.salert_source_checkin()
				: m.salert_source_message();

const outcomes: Record<string, () => string> = {
	safe: m.salert_outcome_safe,
	supported: m.salert_outcome_supported,
	referred: m.salert_outcome_referred,
	emergency: m.salert_outcome_emergency,
	not_reached: m.salert_outcome_not_reached,
	no_concern: m.salert_outcome_no_concern,
	hidden: m.salert_outcome_hidden,
	restored: m.salert_outcome_restored
};
export const outcomeLabel = (o: string): string => outcomes[o]?.() ?? o;

const events: Record<string, () => string> = {
	raised: m.salert_event_raised,
	escalated: m.salert_event_escalated,
	acknowledged: m.salert_event_acknowledged,
	reached_out: m.salert_event_reached_out,
	shared_resources: m.salert_event_shared_resources,
	told_facilitator: m.salert_event_told_facilitator,
	welfare_check: m.salert_event_welfare_check,
	moderated: m.salert_event_moderated,
	closed: m.salert_event_closed
};
export const eventLabel = (k: string): string => events[k]?.() ?? k;

const whys: Record<string, () => string> = {
	facilitator: m.salert_why_facilitator,
	professional: m.salert_why_professional,
	on_call: m.salert_why_on_call,
	site_admin: m.salert_why_site_admin,
	told: m.salert_why_told
};
export const whyLabel = (w: string): string => whys[w]?.() ?? w;
