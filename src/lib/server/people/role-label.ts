import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';
import type { SiteRole } from './people.schema';

const labels: Record<SiteRole, (inputs: object, options: { locale?: Locale }) => string> = {
	member: m.role_member,
	peer_worker: m.role_peer_worker,
	professional: m.role_professional,
	carer: m.role_carer,
	moderator: m.role_moderator,
	site_admin: m.role_site_admin,
	researcher: m.role_researcher,
	content_editor: m.role_content_editor
};

/** A role's name in a given language, for mail that is not read in the sender's language. */
export const roleLabel = (role: SiteRole, locale: Locale): string => labels[role]({}, { locale });
