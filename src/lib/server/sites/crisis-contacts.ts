import type { CrisisContact, ShownCrisisContact } from '../../types';

/**
 * A site's crisis contacts in the reader's language: each contact's words in that language when
 * the site wrote them, else in the site's default language (`lang` says which). Numbers and
 * websites are the same in every language.
 */
export function crisisContactsIn(
	contacts: readonly CrisisContact[],
	locale: string,
	siteDefault: string
): ShownCrisisContact[] {
	return contacts.map(({ words, name, hours, description, ...reach }) => {
		const own = locale === siteDefault ? undefined : words?.[locale];
		const shown = own ?? { name, hours, description };
		return {
			...reach,
			lang: own ? locale : siteDefault,
			name: shown.name,
			...(shown.hours ? { hours: shown.hours } : {}),
			...(shown.description ? { description: shown.description } : {})
		};
	});
}
