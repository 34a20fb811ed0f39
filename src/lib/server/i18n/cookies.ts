/** A visitor's chosen language, before they have a profile to keep it in. */
export const LOCALE_COOKIE = 'kith_lang';
/** The site a visitor last looked at, so crisis help and sign-in show that site. */
export const SITE_COOKIE = 'kith_site';
