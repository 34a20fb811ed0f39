// Each section's title and hint, as message functions (Paraglide has one function per key).
import { m } from '$lib/paraglide/messages.js';

export type SectionWords = { title: () => string; hint: () => string };

export const sectionWords: Record<'safety' | 'recovery', Record<string, SectionWords>> = {
	safety: {
		warning_signs: {
			title: m.plan_safety_warning_signs_title,
			hint: m.plan_safety_warning_signs_hint
		},
		coping: { title: m.plan_safety_coping_title, hint: m.plan_safety_coping_hint },
		distractions: {
			title: m.plan_safety_distractions_title,
			hint: m.plan_safety_distractions_hint
		},
		helpers: { title: m.plan_safety_helpers_title, hint: m.plan_safety_helpers_hint },
		professionals: {
			title: m.plan_safety_professionals_title,
			hint: m.plan_safety_professionals_hint
		},
		safer_surroundings: {
			title: m.plan_safety_safer_surroundings_title,
			hint: m.plan_safety_safer_surroundings_hint
		},
		reasons: { title: m.plan_safety_reasons_title, hint: m.plan_safety_reasons_hint }
	},
	recovery: {
		toolbox: { title: m.plan_recovery_toolbox_title, hint: m.plan_recovery_toolbox_hint },
		daily: { title: m.plan_recovery_daily_title, hint: m.plan_recovery_daily_hint },
		triggers: { title: m.plan_recovery_triggers_title, hint: m.plan_recovery_triggers_hint },
		early_signs: {
			title: m.plan_recovery_early_signs_title,
			hint: m.plan_recovery_early_signs_hint
		},
		breaking_down: {
			title: m.plan_recovery_breaking_down_title,
			hint: m.plan_recovery_breaking_down_hint
		},
		crisis_contacts: {
			title: m.plan_recovery_crisis_contacts_title,
			hint: m.plan_recovery_crisis_contacts_hint
		},
		crisis_helps: {
			title: m.plan_recovery_crisis_helps_title,
			hint: m.plan_recovery_crisis_helps_hint
		},
		crisis_not_helpful: {
			title: m.plan_recovery_crisis_not_helpful_title,
			hint: m.plan_recovery_crisis_not_helpful_hint
		},
		crisis_treatment: {
			title: m.plan_recovery_crisis_treatment_title,
			hint: m.plan_recovery_crisis_treatment_hint
		},
		after_crisis: {
			title: m.plan_recovery_after_crisis_title,
			hint: m.plan_recovery_after_crisis_hint
		}
	}
};

/** The plan's own title: "My safety plan", "My recovery plan". */
export const planTitle = { safety: m.plan_safety_title, recovery: m.plan_recovery_title };
