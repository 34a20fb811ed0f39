export type SiteFormValues = {
	name: string;
	defaultLocale: string;
	locales: string[];
	timeZone: string;
	selfRegistration: boolean;
	requireStaffSecondFactor: boolean;
	allowRemoteContent: boolean;
	companionshipMonths: string;
	crisisContacts: string;
	/** The crisis contacts' words in each other language, one line per contact. */
	crisisWords: Record<string, string>;
};

type Sent = Record<string, string | string[] | boolean> | undefined;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** What a site form shows: the refused submission when there is one (unticked boxes send nothing), else the stored settings. */
export function siteFormValues(sent: Sent, stored: SiteFormValues): SiteFormValues {
	if (!sent) return stored;
	const locales = sent.locales;
	return {
		name: text(sent.name),
		defaultLocale: text(sent.defaultLocale),
		locales: Array.isArray(locales) ? locales : typeof locales === 'string' ? [locales] : [],
		timeZone: text(sent.timeZone),
		selfRegistration: sent.selfRegistration === 'on',
		requireStaffSecondFactor: sent.requireStaffSecondFactor === 'on',
		allowRemoteContent: sent.allowRemoteContent === 'on',
		companionshipMonths: text(sent.companionshipMonths),
		crisisContacts: text(sent.crisisContacts),
		crisisWords: Object.fromEntries(
			Object.entries(sent)
				.filter(([k]) => k.startsWith('crisisWords_'))
				.map(([k, v]) => [k.slice('crisisWords_'.length), text(v)])
		)
	};
}
