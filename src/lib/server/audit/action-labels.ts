// Plain words for the audit trail: each action has a message `audit_label_<area>_<event>` in
// every language (the dot becomes an underscore). The type below makes a missing English label a
// type error; action-labels.test.ts checks every catalogue. Records keep the raw code, and pages
// show it beside the label so an export or a filter can use it.
import type { MessageKey } from '../errors';
import { auditActions, type AuditAction } from './actions';

type Underscored<S extends string> = S extends `${infer A}.${infer B}` ? `${A}_${B}` : S;
type ActionLabelKey = `audit_label_${Underscored<AuditAction>}`;

const known: ReadonlySet<string> = new Set(auditActions);

/** The message key naming an action, or null for a name the list does not know (older rows). */
export function auditActionLabel(action: string): MessageKey | null {
	if (!known.has(action)) return null;
	const key = `audit_label_${action.replace('.', '_')}` as ActionLabelKey;
	return key;
}

/** Kinds of record the trail names; another kind is shown by its code alone. */
export const auditEntityTypes = [
	'board_post',
	'care_team_assignment',
	'care_team_request',
	'chat_message',
	'check_answer',
	'cohort',
	'cohort_session',
	'companion_contact',
	'companionship',
	'course',
	'enrolment',
	'goal',
	'goal_step',
	'group',
	'group_session',
	'invitation',
	'job',
	'lesson',
	'moderation_item',
	'notification',
	'profile',
	'programme',
	'reflection',
	'session',
	'site',
	'supervision_log',
	'user'
] as const;
const knownEntities: ReadonlySet<string> = new Set(auditEntityTypes);

/** The message key naming a kind of record, or null when it has none. */
export function auditEntityLabel(entityType: string): MessageKey | null {
	if (!knownEntities.has(entityType)) return null;
	const key = `audit_label_entity_${entityType as (typeof auditEntityTypes)[number]}` as const;
	return key;
}
