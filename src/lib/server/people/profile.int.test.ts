import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { getOwnProfile, updateOwnProfile, ZProfileInput } from './profile';
import { profiles } from './people.schema';
import { auditLog } from '../audit/audit.schema';

describe.each(dbKinds)('own profile on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	const stored = async (userId: string) =>
		(await app.db.select().from(profiles).where(eq(profiles.userId, userId)))[0] ?? null;

	it('saves what the form sends and reads it back, audited', async () => {
		const site = await makeSite(app);
		const { actor, userId } = await makePerson(app, site, ['member']);
		const input = ZProfileInput.parse({
			displayName: '  Ada  ',
			pseudonym: 'Quiet Owl',
			locale: 'he',
			timeZone: 'Asia/Bangkok',
			textSize: 'larger',
			highContrast: 'on'
		});
		await updateOwnProfile({ db: app.db, actor, input });
		const profile = await getOwnProfile({ db: app.db, actor });
		expect(profile).toMatchObject({
			displayName: 'Ada',
			pseudonym: 'Quiet Owl',
			locale: 'he',
			timeZone: 'Asia/Bangkok',
			textSize: 'larger',
			reducedMotion: false,
			highContrast: true
		});
		const audits = await app.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.actorUserId, userId), eq(auditLog.entityType, 'profile')));
		expect(audits.map((a) => a.action)).toEqual(['profile.update', 'profile.read']);
	});

	it('empty optional fields mean "site default"', async () => {
		const { actor, userId } = await makePerson(app, null, []);
		const input = ZProfileInput.parse({
			displayName: 'B',
			pseudonym: '',
			locale: '',
			timeZone: ' '
		});
		await updateOwnProfile({ db: app.db, actor, input });
		expect(await stored(userId)).toMatchObject({ pseudonym: null, locale: null, timeZone: null });
	});

	it('refuses a bad time zone, an oversized pseudonym and an unknown language, per field', () => {
		const result = ZProfileInput.safeParse({
			displayName: 'Ada',
			pseudonym: 'x'.repeat(41),
			locale: 'xx',
			timeZone: 'Mars/Olympus_Mons'
		});
		expect(result.success).toBe(false);
		const byField = Object.fromEntries(
			(result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message])
		);
		expect(byField).toEqual({
			pseudonym: 'err_too_long',
			locale: 'err_locale',
			timeZone: 'err_time_zone'
		});
	});

	it('any form input is saved whole or refused whole', async () => {
		const { actor, userId } = await makePerson(app, null, []);
		const seen = { saved: 0, refused: 0 };
		// Each field: mostly something a browser could send, sometimes anything at all.
		const field = (...likely: string[]) =>
			fc.oneof(
				{ arbitrary: fc.constantFrom(...likely), weight: 4 },
				{ arbitrary: fc.string({ unit: 'binary', maxLength: 90 }), weight: 1 },
				{ arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), weight: 1 },
				{ arbitrary: fc.constant(undefined), weight: 1 }
			);
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					displayName: field('Ada', ' Bo ', 'x'.repeat(81), ''),
					pseudonym: field('', 'Owl', 'a'.repeat(41), 'tab\there'),
					locale: field('', 'he', 'en', 'xx'),
					timeZone: field('', 'UTC', 'Europe/Copenhagen', 'Mars/Base'),
					textSize: field('normal', 'large', 'larger', 'huge'),
					reducedMotion: field('on', ''),
					highContrast: field('on', '')
				}),
				async (raw) => {
					const before = await stored(userId);
					const parsed = ZProfileInput.safeParse(raw);
					if (!parsed.success) {
						// Every refusal names a message the form can show.
						for (const issue of parsed.error.issues) expect(issue.path.length).toBeGreaterThan(0);
						expect(await stored(userId)).toEqual(before);
						seen.refused++;
						return;
					}
					await updateOwnProfile({ db: app.db, actor, input: parsed.data });
					const after = await stored(userId);
					expect(after).toMatchObject({
						displayName: parsed.data.displayName,
						pseudonym: parsed.data.pseudonym || null,
						locale: parsed.data.locale || null,
						timeZone: parsed.data.timeZone || null,
						textSize: parsed.data.textSize,
						reducedMotion: parsed.data.reducedMotion,
						highContrast: parsed.data.highContrast
					});
					seen.saved++;
				}
			),
			{ numRuns: 150 }
		);
		// Both outcomes were really exercised.
		expect(seen.saved).toBeGreaterThan(0);
		expect(seen.refused).toBeGreaterThan(0);
	});
});
