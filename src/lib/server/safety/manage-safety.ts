// Site admins keep their site's risk-phrase lists (per language) and decide whether members may
// share contact details in peer spaces.
import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { requireSite, type Actor } from '../access/actor';
import { requireUseCase } from '../access/use-case-permissions';
import type { AuditAction } from '../audit/actions';
import { recordActorAudit } from '../audit/record-audit';
import { AppError, notFound } from '../errors';
import { riskPhrases } from './safety.schema';
import { sites, type Site } from '../sites/sites.schema';
import { addStarterPhrases } from '../sites/starter-phrases';
import { isUuid, parseInput, zId, zLine } from '../validation';

export type SafetySettings = {
	allowContactDetails: boolean;
	lists: { locale: string; phrases: { id: string; phrase: string }[] }[];
};

function requireSettings(actor: Actor | null): { actor: Actor; site: Site } {
	requireUseCase(actor, 'site.settings');
	return { actor, site: requireSite(actor) };
}

const audit = (tx: Tx, actor: Actor, action: AuditAction, entityId: string, n?: number) =>
	recordActorAudit(tx, actor, {
		action,
		entityType: 'site',
		entityId,
		details: n === undefined ? null : { count: n }
	});

/** The site's safety settings: the contact-details switch and a phrase list per site language. */
export async function getSafetySettings({
	db,
	actor: given
}: {
	db: Db;
	actor: Actor | null;
}): Promise<SafetySettings> {
	const { site } = requireSettings(given);
	const [current] = await db
		.select({ allow: sites.allowContactDetails })
		.from(sites)
		.where(eq(sites.id, site.id));
	const rows = await db
		.select({ id: riskPhrases.id, locale: riskPhrases.locale, phrase: riskPhrases.phrase })
		.from(riskPhrases)
		.where(eq(riskPhrases.siteId, site.id))
		.orderBy(asc(riskPhrases.phrase));
	return {
		allowContactDetails: current?.allow ?? false,
		lists: site.locales.map((locale) => ({
			locale,
			phrases: rows.filter((r) => r.locale === locale).map(({ id, phrase }) => ({ id, phrase }))
		}))
	};
}

const zLocaleOf = (site: Site) => z.string().refine((l) => site.locales.includes(l), 'err_invalid');

export const ZAddPhraseInput = z.object({ locale: zId, phrase: zLine(200) });

/** Adds a phrase to one language's list. */
export async function addRiskPhrase({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: z.input<typeof ZAddPhraseInput>;
}): Promise<void> {
	const { actor, site } = requireSettings(given);
	const data = parseInput(ZAddPhraseInput.extend({ locale: zLocaleOf(site) }), input);
	await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(riskPhrases)
			.values({
				siteId: site.id,
				locale: data.locale,
				phrase: data.phrase,
				createdBy: actor.userId
			})
			.onConflictDoNothing()
			.returning({ id: riskPhrases.id });
		if (!row) throw new AppError('conflict', { phrase: 'safety_err_phrase_exists' });
		await audit(tx, actor, 'safety.phrase_add', site.id);
	});
}

/** Takes a phrase off its list. */
export async function removeRiskPhrase({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { phraseId: string };
}): Promise<void> {
	const { actor, site } = requireSettings(given);
	if (!isUuid(input.phraseId)) throw notFound();
	await db.transaction(async (tx) => {
		const gone = await tx
			.delete(riskPhrases)
			.where(and(eq(riskPhrases.id, input.phraseId), eq(riskPhrases.siteId, site.id)))
			.returning({ id: riskPhrases.id });
		if (gone.length === 0) throw notFound();
		await audit(tx, actor, 'safety.phrase_remove', site.id);
	});
}

/** Adds Kith's starter list for a language back (phrases already there stay as they are). */
export async function restoreStarterPhrases({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { locale: string };
}): Promise<number> {
	const { actor, site } = requireSettings(given);
	const data = parseInput(z.object({ locale: zLocaleOf(site) }), input);
	return db.transaction(async (tx) => {
		const n = await addStarterPhrases(tx, {
			siteId: site.id,
			locales: [data.locale],
			createdBy: actor.userId
		});
		await audit(tx, actor, 'safety.phrase_starter', site.id, n);
		return n;
	});
}

/** Whether members may share phone numbers, emails and social handles in peer spaces. */
export async function setAllowContactDetails({
	db,
	actor: given,
	input
}: {
	db: Db;
	actor: Actor | null;
	input: { allow: boolean };
}): Promise<void> {
	const { actor, site } = requireSettings(given);
	await db.transaction(async (tx) => {
		await tx
			.update(sites)
			.set({ allowContactDetails: input.allow, updatedAt: new Date() })
			.where(eq(sites.id, site.id));
		await audit(
			tx,
			actor,
			input.allow ? 'safety.contacts_allow' : 'safety.contacts_refuse',
			site.id
		);
	});
}
