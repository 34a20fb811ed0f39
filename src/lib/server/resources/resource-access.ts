import type { Actor } from '../access/actor';
import { mayUse, requireUseCase } from '../access/use-case-permissions';

/** A member choosing their area or an admin keeping the list: either use case will do. */
export function requireAnyUseCase(actor: Actor | null): asserts actor is Actor {
	if (mayUse(actor, 'resources.manage')) return;
	requireUseCase(actor, 'resources.own');
}
