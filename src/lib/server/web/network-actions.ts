// Form actions the member's map and a facilitated session share: the same forms change the
// map, and the use cases tell the two apart by the session id the form carries.
import type { NetworkItem } from '../network/network-access';
import { formAction } from '../forms';
import { addItem, ZAddItemInput } from '../network/add-item';
import { moveItem, ZMoveItemInput } from '../network/move-item';
import { saveSnapshot, ZSaveSnapshotInput } from '../network/save-snapshot';

/** What a page shows of an item: everything but the ids of its site and owner. */
export const itemView = (i: NetworkItem) => ({
	id: i.id,
	label: i.label,
	kind: i.kind,
	circle: i.circle,
	contact: i.contact,
	emotional: i.emotional,
	practical: i.practical,
	illness: i.illness,
	wantMore: i.wantMore,
	drains: i.drains,
	usedToEnjoy: i.usedToEnjoy
});

export const mapActions = {
	add: formAction(
		ZAddItemInput,
		(input, { locals }) => addItem({ app: locals.app, actor: locals.actor, input }),
		{ done: 'net_added' }
	),
	move: formAction(
		ZMoveItemInput,
		(input, { locals }) => moveItem({ db: locals.app.db, actor: locals.actor, input }),
		{ done: 'net_moved', notFoundAs: { itemId: 'err_invalid' } }
	),
	save: formAction(
		ZSaveSnapshotInput,
		(input, { locals }) => saveSnapshot({ app: locals.app, actor: locals.actor, input }),
		{ done: 'net_saved' }
	)
};
