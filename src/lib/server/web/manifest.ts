import { m } from '../../paraglide/messages.js';
import { directionOf } from '../i18n/locale';

/** The colours of the installed app: the header's green, on the page's white. */
export const themeColor = '#21614f';
export const backgroundColor = '#ffffff';

/** The icons in static/icons (made by scripts/make-icons.ts), as browsers ask for them. */
export const manifestIcons = [
	{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
	{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
	{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
] as const;

/**
 * The web app manifest for the language a page is shown in and the site being looked at, so
 * the app a person adds to their home screen is named in their language. Called inside the
 * request's language (the `localize` hook), like every page.
 */
export function webManifest({
	locale,
	site
}: {
	locale: string;
	site: { slug: string; name: string } | null;
}) {
	return {
		id: '/home',
		lang: locale,
		dir: directionOf(locale),
		name: m.pwa_name(),
		short_name: m.app_name(),
		description: site ? m.pwa_description({ site: site.name }) : undefined,
		start_url: '/home',
		scope: '/',
		display: 'standalone',
		theme_color: themeColor,
		background_color: backgroundColor,
		icons: manifestIcons,
		// A long press on the icon offers crisis help straight away.
		shortcuts: [
			{
				name: m.crisis_link(),
				url: site ? `/crisis/${site.slug}` : '/crisis',
				icons: [manifestIcons[0]]
			}
		]
	};
}
