import { eq } from 'drizzle-orm';
import type { App } from '../app';
import type { Actor } from '../access/actor';
import { checkinAnswers, checkinPreferences } from './outcomes.schema';
import { ownCheckin, type CheckinResponse } from './checkin-access';
import { openAnswer } from './answer-text';
import type { InstrumentItem } from './instrument';
import type { Labels } from './scoring-spec';

export type CheckinToAnswer = {
	response: CheckinResponse;
	title: Labels;
	items: InstrumentItem[];
	/** linkId → the chosen option's code, or the text written. */
	answers: Record<string, { code?: string; text?: string }>;
	onePerScreen: boolean;
};

/** The actor's own check-in with the answers given so far, to answer or resume it. */
export async function getCheckin({
	app,
	actor,
	responseId
}: {
	app: Pick<App, 'db' | 'config'>;
	actor: Actor | null;
	responseId: string;
}): Promise<CheckinToAnswer> {
	const { actor: who, response, instrument } = await ownCheckin(app.db, actor, responseId);
	const [rows, [pref]] = await Promise.all([
		app.db.select().from(checkinAnswers).where(eq(checkinAnswers.responseId, response.id)),
		app.db
			.select({ onePerScreen: checkinPreferences.onePerScreen })
			.from(checkinPreferences)
			.where(eq(checkinPreferences.userId, who.userId))
	]);
	const answers: CheckinToAnswer['answers'] = {};
	for (const row of rows) {
		const item = instrument.items.find((i) => i.linkId === row.linkId);
		if (!item) continue;
		if (item.kind === 'choice')
			answers[row.linkId] = { code: item.options.find((o) => o.value === row.value)?.code };
		else if (row.textEncrypted)
			answers[row.linkId] = {
				text: openAnswer(app.config.secret, response.id, row.linkId, row.textEncrypted)
			};
	}
	return {
		response,
		title: instrument.title,
		items: instrument.items,
		answers,
		onePerScreen: pref?.onePerScreen ?? true
	};
}
