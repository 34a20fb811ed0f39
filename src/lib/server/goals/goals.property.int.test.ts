import { afterAll, beforeAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { AppError } from '../errors';
import { createGoal, type TCreateGoalInput } from './create-goal';
import { addStep, type TAddStepInput } from './add-step';
import { acceptStep, type TAcceptStepInput } from './accept-step';

/** Success, or an expected validation or not-found error; anything else fails the property. */
async function settles(p: Promise<unknown>): Promise<void> {
	try {
		await p;
	} catch (e) {
		if (!(e instanceof AppError) || !['invalid_input', 'not_found', 'conflict'].includes(e.code))
			throw e;
	}
}

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
				await settles(createGoal({ db: app.db, actor, input: { text: t } as TCreateGoalInput }));
				await settles(
					addStep({ db: app.db, actor, input: { goalId, text: t, targetDate: d } as TAddStepInput })
				);
				await settles(
					acceptStep({
						db: app.db,
						actor,
						input: { stepId: t, text: t, targetDate: d } as TAcceptStepInput
					})
				);
			}),
			{ numRuns: kind === 'pglite' ? 60 : 40 }
		);
	});
});
