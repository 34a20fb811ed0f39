import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { AppError } from '../errors';
import { createGoal, type TCreateGoalInput } from './create-goal';
import { addStep, type TAddStepInput } from './add-step';
import { acceptStep, type TAcceptStepInput } from './accept-step';

/** What the caller gets: `saved`, the code of a refusal, or the crash itself. */
async function outcome(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'saved';
	} catch (e) {
		return e instanceof AppError ? e.code : `crash: ${e instanceof Error ? e.stack : String(e)}`;
	}
}

/** Success, or an expected validation or not-found error; anything else fails the property. */
const settled = ['saved', 'invalid_input', 'not_found', 'conflict'];

const text = fc.oneof(
	fc.string({ maxLength: 600 }),
	fc.string({ unit: 'binary', maxLength: 600 }),
	fc.string({ unit: 'grapheme', maxLength: 120 }),
	fc.anything()
);
const day = fc.oneof(
	fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
	fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
	fc.string({ maxLength: 20 }),
	fc.anything()
);

describe.each(dbKinds)('goal and step input on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	it('any goal or step input is either saved or refused as invalid, never a crash', async () => {
		const site = await makeSite(app);
		const { actor } = await makePerson(app, site, ['member']);
		const { id: goalId } = await createGoal({ db: app.db, actor, input: { text: 'Goal' } });
		await fc.assert(
			fc.asyncProperty(text, day, async (t, d) => {
				// Inputs arrive untyped from forms and other callers; the casts say exactly that.
				const goal = createGoal({ db: app.db, actor, input: { text: t } as TCreateGoalInput });
				expect(settled).toContain(await outcome(goal));
				const step = addStep({
					db: app.db,
					actor,
					input: { goalId, text: t, targetDate: d } as TAddStepInput
				});
				expect(settled).toContain(await outcome(step));
				const accepted = acceptStep({
					db: app.db,
					actor,
					input: { stepId: t, text: t, targetDate: d } as TAcceptStepInput
				});
				expect(settled).toContain(await outcome(accepted));
			}),
			{ numRuns: kind === 'pglite' ? 60 : 40 }
		);
	});
});
