// The help pages: one per part of Kith a person uses, in plain words. A part that is not built,
// or that the person's site has off, has no help page (no help for what does not exist).
import { siteOffers, type CapabilityId } from '../access/nav';
import type { Site } from '../sites/sites.schema';
import { t } from '../forms';

const topics = [
	{ slug: 'courses', capability: 'courses', href: '/courses' },
	{ slug: 'groups', capability: 'groups', href: '/groups' },
	{ slug: 'goals', capability: 'goals', href: '/goals' },
	{ slug: 'companionship', capability: 'companionship', href: '/companionship' },
	{ slug: 'notifications', capability: 'notifications', href: '/notifications' },
	{ slug: 'crisis', capability: null, href: '/crisis' },
	{ slug: 'profile', capability: null, href: '/profile' }
] as const satisfies readonly { slug: string; capability: CapabilityId | null; href: string }[];

type Topic = (typeof topics)[number];

const offered = (site: Site | null) =>
	topics.filter((topic) => topic.capability === null || siteOffers(site, topic.capability));

/** The help index: each page's title and one line about it. */
export const helpIndex = (site: Site | null) =>
	offered(site).map((topic) => ({
		href: `/help/${topic.slug}`,
		title: t(`help_${topic.slug}_title`),
		summary: t(`help_${topic.slug}_summary`)
	}));

/** One help page, or null when there is no such page for this site. */
export function helpPage(site: Site | null, slug: string) {
	const topic: Topic | undefined = offered(site).find((tp) => tp.slug === slug);
	if (!topic) return null;
	// Crisis help is per site; without one the shared page lists the sites.
	const href = topic.slug === 'crisis' && site ? `/crisis/${site.slug}` : topic.href;
	return {
		title: t(`help_${topic.slug}_title`),
		summary: t(`help_${topic.slug}_summary`),
		what: t(`help_${topic.slug}_what`),
		how: t(`help_${topic.slug}_how`),
		who: t(`help_${topic.slug}_who`),
		href
	};
}
