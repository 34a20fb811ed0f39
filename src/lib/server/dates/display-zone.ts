// Whose clock a page shows. Two questions with two answers, each asked in one place:
// - a moment (a session's start, when a post was written) is shown on the person's own clock,
//   as the profile page promises ("Times are shown in this zone");
// - a calendar day the site's rules count in (a step due today, a companionship's last day, the
//   audit filter's from and to) is the site's day, whoever looks, so everyone agrees on it.

type Zoned = { timeZone: string | null } | null | undefined;

/** The zone a person reads times in: their own if they chose one, else the site's, else UTC. */
export function displayZone({ profile, site }: { profile?: Zoned; site?: Zoned }): string {
	return profile?.timeZone || site?.timeZone || 'UTC';
}

/** The zone a site counts calendar days in: its own, else UTC (a person with no site yet). */
export function siteZoneOf(site: Zoned): string {
	return site?.timeZone || 'UTC';
}
