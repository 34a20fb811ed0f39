// The plan's own title: "My safety plan", "My recovery plan". Section titles and hints come from
// the server in the reader's language (plans/plan-sections.ts), so pages do not carry them all.
import { m } from '$lib/paraglide/messages.js';

export const planTitle = { safety: m.plan_safety_title, recovery: m.plan_recovery_title };
