// How a companionship stands or ended, in words for the person looking: "you" for the side they
// are on, "your companion" for the member, the role otherwise; and what it is about.
import { m } from '$lib/paraglide/messages.js';
import type { CompanionshipSide } from '$lib/server/companionship/companionship-access';
import type { CompanionEndReason } from '$lib/server/companionship/end-companionship';
import type { HistoryEntry } from '$lib/server/companionship/companionship-history';

export const reasonLabel: Record<CompanionEndReason, () => string> = {
	member_choice: m.companion_reason_member_choice,
	goals_met: m.companion_reason_goals_met,
	peer_unavailable: m.companion_reason_peer_unavailable,
	no_contact: m.companion_reason_no_contact,
	safety: m.companion_reason_safety,
	other: m.companion_reason_other
};

const endedBy: Record<CompanionshipSide, Record<CompanionshipSide, () => string>> = {
	member: {
		member: m.companion_outcome_ended_by_you,
		companion: m.companion_outcome_ended_by_your_companion,
		coordinator: m.companion_outcome_ended_by_coordinator
	},
	companion: {
		member: m.companion_outcome_ended_by_member,
		companion: m.companion_outcome_ended_by_you,
		coordinator: m.companion_outcome_ended_by_coordinator
	},
	coordinator: {
		member: m.companion_outcome_ended_by_member,
		companion: m.companion_outcome_ended_by_companion,
		coordinator: m.companion_outcome_ended_by_coordinator
	}
};

/** "Completed", "Running", or "Ended early by …", as `viewer` reads it. */
export function outcomeText(
	entry: Pick<HistoryEntry, 'outcome' | 'endedBy'>,
	viewer: CompanionshipSide
): string {
	if (entry.outcome === 'active') return m.companion_outcome_active();
	if (entry.outcome === 'completed') return m.companion_outcome_completed();
	return entry.endedBy ? endedBy[viewer][entry.endedBy]() : m.companion_outcome_ended();
}

/** "Reason: Goals reached", or '' when none was recorded. */
export const reasonText = (entry: Pick<HistoryEntry, 'endReason'>): string =>
	entry.endReason ? m.companion_outcome_reason({ reason: reasonLabel[entry.endReason]() }) : '';

/** Languages or interests as one line, or "none". */
export const tagList = (tags: readonly string[]): string =>
	tags.length ? tags.join(', ') : m.companion_none();
