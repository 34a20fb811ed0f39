// Safety screening of what members write in peer spaces (board posts, live-room messages).
//
// Signatures (the board and the live room both use these):
//
//   assertNoContactDetails(site: { allowContactDetails: boolean }, body: string, field = 'body'): void
//     Call BEFORE saving. Throws AppError('invalid_input', { [field]: 'safety_err_contact' }) when
//     the text holds a phone number, email address or social handle and the site does not allow
//     contact details in peer spaces. Nothing is saved; the form keeps the text.
//
//   flagRisk({ tx, site, groupId, authorId, target: { type: 'board_post' | 'chat_message', id },
//              body }): Promise<{ risk: boolean; matched: string[]; alertId: string | null }>
//     Call AFTER saving, in the same transaction. When a phrase of the site's risk lists (every
//     language of the site: people write in any of them) occurs in the text, raises a SAFETY
//     ALERT (raise-safety-alert.ts: care first; the group's facilitators, else the on-call list,
//     are asked to check on the person) — not a sanction-first moderation item. The caller then
//     shows the author the site's crisis help at once (CrisisPanel.svelte: the site's
//     crisisContacts and a link to /crisis). Nothing is deleted and no diagnosis is shown.
//
//   screenPost({ tx, site, locale?, body, authorId, groupId, target, field? })
//     : Promise<{ risk: boolean; matched: string[]; alertId: string | null }>
//     Both in one call, for callers that save first and screen inside the same transaction: the
//     contact-details error is thrown before the risk flag, and throwing rolls the saved row back,
//     so nothing is kept. `locale` is accepted for callers that know the writer's language; every
//     list of the site is checked either way.
import type { Tx } from '../db/client';
import { AppError } from '../errors';
import type { Site } from '../sites/sites.schema';
import { raiseSafetyAlert } from './raise-safety-alert';
import { findContactDetails, findRiskPhrases } from './screen-text';
import { sitePhrases } from '../sites/starter-phrases';

export type ScreenTarget = { type: 'board_post' | 'chat_message'; id: string };
export type RiskResult = { risk: boolean; matched: string[]; alertId: string | null };

/** Refuses contact details in a peer-space text unless the site allows them. */
export function assertNoContactDetails(
	site: Pick<Site, 'allowContactDetails'>,
	body: string,
	field = 'body'
): void {
	if (site.allowContactDetails) return;
	if (findContactDetails(body).length > 0)
		throw new AppError('invalid_input', { [field]: 'safety_err_contact' });
}

/** Raises a safety alert about the author of a saved text that matches the site's risk phrases. */
export async function flagRisk({
	tx,
	site,
	groupId,
	authorId,
	target,
	body
}: {
	tx: Tx;
	site: Pick<Site, 'id'>;
	groupId: string;
	authorId: string;
	target: ScreenTarget;
	body: string;
}): Promise<RiskResult> {
	const lists = await sitePhrases(tx, site.id);
	const matched = new Set<string>();
	for (const [locale, phrases] of lists)
		for (const p of findRiskPhrases(body, phrases, locale)) matched.add(p);
	if (matched.size === 0) return { risk: false, matched: [], alertId: null };
	const { alertId } = await raiseSafetyAlert(tx, {
		siteId: site.id,
		personId: authorId,
		source: target.type === 'board_post' ? 'board' : 'room',
		sourceId: target.id,
		groupId,
		reason: 'risk_phrase'
	});
	return { risk: true, matched: [...matched], alertId };
}

/** Contact-details check and risk flag in one call (see the signatures at the top). */
export async function screenPost(input: {
	tx: Tx;
	site: Pick<Site, 'id' | 'allowContactDetails'>;
	locale?: string;
	body: string;
	authorId: string;
	groupId: string;
	target: ScreenTarget;
	field?: string;
}): Promise<RiskResult> {
	assertNoContactDetails(input.site, input.body, input.field);
	return flagRisk(input);
}
