// What each kind of notification means to the centre. The capabilities that send notifications
// come after this one, so they register their kinds here at start (as shutdown.ts offers
// registerStreamCloser) instead of being imported.
import type { Db, Tx } from '../db/client';
import type { Actor } from '../access/actor';
import type { Notification } from './notifications.schema';

export type NotificationKind = {
	/**
	 * Urgent kinds (a safety alert) reach the person at once, in-app and by email, whatever their
	 * quiet hours and channel choices: `mayHold` never holds them.
	 */
	urgent?: boolean;
	/** Of these target ids, the ones the actor may still reach (a group they are still in). */
	reachable: (db: Db, actor: Actor, targetIds: string[]) => Promise<Set<string>>;
	/** Where the notification leads, once its target is known to be reachable. */
	link: (n: Pick<Notification, 'targetId' | 'params'>) => string;
	/** Keeps the capability's own read marks in step (a group's reminder list). */
	onRead?: (tx: Tx, actor: Actor, read: Pick<Notification, 'source'>[]) => Promise<void>;
};

const kinds = new Map<string, NotificationKind>();

/** Makes a kind of notification known to the centre; unknown kinds are never shown. */
export function registerNotificationKind(kind: string, spec: NotificationKind): void {
	kinds.set(kind, spec);
}

export const notificationKind = (kind: string): NotificationKind | undefined => kinds.get(kind);

/**
 * Whether a sender may hold back an email of this kind for the person's quiet hours (or leave it
 * out for their channel choice): never for an urgent kind.
 */
export const mayHold = (kind: string): boolean => kinds.get(kind)?.urgent !== true;
