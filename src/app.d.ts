import type { App as KithApp } from '$lib/server/app';
import type { Actor } from '$lib/server/access/actor';
import type { Profile } from '$lib/server/people/people.schema';
import type { Site } from '$lib/server/sites/sites.schema';
import type { Locale } from '$lib/paraglide/runtime.js';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			app: KithApp;
			actor: Actor | null;
			profile: Profile | null;
			idleSeconds: number;
			sessionEnded: 'idle' | 'disabled' | null;
			site: Site | null;
			locale: Locale;
			ip: string | null;
		}
	}
}

export {};
