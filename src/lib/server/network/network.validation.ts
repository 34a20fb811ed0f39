// The shapes of a network map's forms: an item's label, kind, circle, contact and marks.
import { z } from 'zod';
import { zLine } from '../validation';
import { contactFrequencies, networkKinds } from './network.schema';

/** A map holds at most this many items. */
export const MAX_ITEMS = 100;
/** A label the member chooses (no real names needed), on one line. */
export const MAX_LABEL = 80;

export const zLabel = zLine(MAX_LABEL);
export const zKind = z.enum(networkKinds, 'net_err_kind');
export const zCircle = z.preprocess(
	(v) => (typeof v === 'string' && /^[123]$/.test(v.trim()) ? Number(v) : v),
	z.union([z.literal(1), z.literal(2), z.literal(3)], 'net_err_circle')
);
export const zContact = z.enum(contactFrequencies, 'net_err_contact');
const onOff = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

/** Everything the member says about one item. */
export const ZItemFields = z.object({
	label: zLabel,
	kind: zKind,
	circle: zCircle,
	contact: zContact,
	emotional: onOff,
	practical: onOff,
	illness: onOff,
	wantMore: onOff,
	drains: onOff,
	usedToEnjoy: onOff
});
export type TItemFields = z.infer<typeof ZItemFields>;

/** A facilitated session the change is made in, when a facilitator makes it. */
export const zSessionId = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
	z.uuid('err_invalid').optional()
);
