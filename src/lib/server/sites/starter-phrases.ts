// The risk-phrase lists Kith ships (content/safety/risk-phrases/<locale>.txt), copied into a
// site's own editable list when the site is created, or when its admin asks for them again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { riskPhrases } from '../safety/safety.schema';

export const RISK_PHRASES_DIR = 'content/safety/risk-phrases';

/** The phrases of one shipped list: one a line, `#` comments and blank lines skipped. */
export function parsePhraseList(source: string): string[] {
	const seen = new Set<string>();
	for (const line of source.split(/\r?\n/)) {
		const phrase = line.normalize('NFC').trim();
		if (phrase && !phrase.startsWith('#')) seen.add(phrase);
	}
	return [...seen];
}

/** The shipped starter list of a language; empty when Kith ships none for it. */
export async function readStarterPhrases(
	locale: string,
	dir = RISK_PHRASES_DIR
): Promise<string[]> {
	if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(locale)) return [];
	const source = await readFile(join(dir, `${locale}.txt`), 'utf8').catch(() => '');
	return parsePhraseList(source);
}

/**
 * Adds the starter list of each language to a site's list (phrases it has already are kept as
 * they are). Returns how many phrases were added.
 */
export async function addStarterPhrases(
	tx: Tx | Db,
	input: { siteId: string; locales: readonly string[]; createdBy?: string | null }
): Promise<number> {
	let added = 0;
	for (const locale of input.locales) {
		const phrases = await readStarterPhrases(locale);
		if (phrases.length === 0) continue;
		const rows = await tx
			.insert(riskPhrases)
			.values(
				phrases.map((phrase) => ({
					siteId: input.siteId,
					locale,
					phrase,
					createdBy: input.createdBy ?? null
				}))
			)
			.onConflictDoNothing()
			.returning({ id: riskPhrases.id });
		added += rows.length;
	}
	return added;
}

/** A site's phrases, grouped by language. */
export async function sitePhrases(tx: Tx | Db, siteId: string): Promise<Map<string, string[]>> {
	const rows = await tx
		.select({ locale: riskPhrases.locale, phrase: riskPhrases.phrase })
		.from(riskPhrases)
		.where(eq(riskPhrases.siteId, siteId));
	const byLocale = new Map<string, string[]>();
	for (const r of rows) byLocale.set(r.locale, [...(byLocale.get(r.locale) ?? []), r.phrase]);
	return byLocale;
}
