import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, dbKinds, type TestApp } from '../testing/test-app';
import { makePerson, makeSite } from '../testing/factories';
import { runDueJobs } from '../scheduler/scheduler';
import { jobs } from '../scheduler/scheduler.schema';
import { notifications } from '../notifications/notifications.schema';
import { auditLog } from '../audit/audit.schema';
import { resourcePicks, resources } from './resources.schema';
import { saveArea } from './save-area';
import { importResources, previewResourceImport } from './import-resources';
import { exportResources } from './export-resources';
import { saveInterests } from './save-interests';
import { matchResources } from './match-resources';
import { pickResource } from './pick-resource';
import { answerFollowUp } from './answer-follow-up';
import { listMyPicks } from './my-picks';
import { sendFollowUp } from './send-follow-up';
import { FOLLOW_UP_JOB, FOLLOW_UP_KIND } from './picks';
import { ZInterestsInput } from './resources.validation';

const DAY = 86_400_000;
const header =
	'name,kind,categories,address,area,latitude,longitude,cost,step_free,wheelchair,scope,last_checked';

describe.each(dbKinds)('the resource directory on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await createTestApp(kind);
	});
	afterAll(async () => app.cleanup());

	async function setting() {
		const site = await makeSite(app, { timeZone: 'UTC' });
		const admin = (await makePerson(app, site, ['site_admin'])).actor;
		const member = (await makePerson(app, site, ['member'])).actor;
		await saveArea({
			db: app.db,
			actor: admin,
			input: { name: 'Riverside', lat: '55.68', lon: '12.57', postcodes: ['2200'] }
		});
		return { site, admin, member };
	}
	const count = async (siteId: string) =>
		(await app.db.select().from(resources).where(eq(resources.siteId, siteId))).length;

	it('names every problem of a CSV by row and column and saves nothing', async () => {
		const { site, admin } = await setting();
		const csv = [
			header,
			'Art club,group,creative,1 Main St,Riverside,55.68,12.57,free,yes,no,local,2026-01-10',
			'Walks,activity,nature;physical,Park,Nowhere,55.7,12.6,free,no,no,local,',
			'Far away,group,creative,2 Main St,,95,12.57,free,maybe,no,local,',
			'Art club,group,creative,1 Main St,Riverside,55.68,12.57,free,yes,no,local,',
			'Bad,thing,gardening,,,,,dear,no,no,moon,2026-02-30'
		].join('\n');
		const preview = await previewResourceImport({ db: app.db, actor: admin, input: { csv } });
		const at = (row: number) => preview.issues.filter((i) => i.row === row);
		expect(at(2)).toEqual([]);
		expect(at(3)).toEqual([{ row: 3, column: 'area', message: 'res_err_area' }]);
		expect(
			at(4)
				.map((i) => i.column)
				.sort()
		).toEqual(['latitude', 'step_free']);
		expect(at(5)).toEqual([{ row: 5, column: 'name', message: 'res_csv_err_duplicate_row' }]);
		expect(
			at(6)
				.map((i) => i.column)
				.sort()
		).toEqual(['categories', 'cost', 'kind', 'last_checked', 'scope']);
		await expect(
			importResources({ db: app.db, actor: admin, input: { csv } })
		).rejects.toMatchObject({
			fields: { csv: 'res_csv_err_not_clean' }
		});
		expect(await count(site.id)).toBe(0);

		// Wrong columns are refused as a whole, on the header row.
		const wrong = await previewResourceImport({
			db: app.db,
			actor: admin,
			input: { csv: 'title,kind,categories,cost\nA,group,creative,free' }
		});
		expect(wrong.issues).toEqual([
			{ row: 1, column: 'title', message: 'res_csv_err_unknown_column' },
			{ row: 1, column: 'name', message: 'res_csv_err_missing_column' },
			{ row: 1, column: 'scope', message: 'res_csv_err_missing_column' }
		]);
	});

	it('imports a clean file whole, replaces by name and address, and exports what reads back in', async () => {
		const { site, admin } = await setting();
		const csv = [
			header,
			'Art club,group,creative,1 Main St,Riverside,55.68,12.57,free,yes,no,local,2026-01-10',
			'"Helpline, national",service,peer_support,,,,,free,no,no,national,',
			'=Chat online,service,befriending,,,,,low,no,no,online,'
		].join('\r\n');
		const preview = await previewResourceImport({ db: app.db, actor: admin, input: { csv } });
		expect(preview).toMatchObject({ issues: [], added: 3, replaced: 0 });
		expect(await importResources({ db: app.db, actor: admin, input: { csv } })).toEqual({
			added: 3,
			replaced: 0
		});
		expect(await count(site.id)).toBe(3);
		const exported = await exportResources({ db: app.db, actor: admin });
		// A cell a spreadsheet would run as a formula is guarded, and reads back unchanged.
		expect(exported).toContain("'=Chat online");
		expect(await importResources({ db: app.db, actor: admin, input: { csv: exported } })).toEqual({
			added: 0,
			replaced: 3
		});
		const names = (await app.db.select().from(resources).where(eq(resources.siteId, site.id)))
			.map((r) => r.name)
			.sort();
		expect(names).toEqual(['=Chat online', 'Art club', 'Helpline, national']);
		const audits = await app.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.siteId, site.id), eq(auditLog.action, 'resource.import')));
		expect(audits).toHaveLength(2);
	});

	it('matches a member by interests and area, and keeps at most three picks', async () => {
		const { admin, member } = await setting();
		const rows = ['A', 'B', 'C', 'D'].map(
			(n, i) => `${n} club,group,creative,${n} street,Riverside,55.68,12.5${i},free,no,no,local,`
		);
		await importResources({
			db: app.db,
			actor: admin,
			input: {
				csv: [header, ...rows, 'Online art,service,creative,,,,,free,no,no,online,'].join('\n')
			}
		});
		await saveInterests({
			db: app.db,
			actor: member,
			input: ZInterestsInput.parse({
				categories: ['creative'],
				maxCost: 'any',
				travel: 'public',
				maxDistanceKm: '20',
				times: 'any',
				mode: 'either',
				company: 'either',
				postcode: '2200 N'
			})
		});
		const m = await matchResources({ db: app.db, actor: member });
		expect(m?.from).toBe('area');
		expect(m?.local.map((r) => r.resource.name)).toEqual(['D club', 'C club', 'B club', 'A club']);
		expect(m?.online.map((r) => r.resource.name)).toEqual(['Online art']);
		const ids = m?.local.map((r) => r.id) ?? [];
		for (const id of ids.slice(0, 3))
			await pickResource({ db: app.db, actor: member, input: { resourceId: id } });
		await expect(
			pickResource({ db: app.db, actor: member, input: { resourceId: ids[3] ?? '' } })
		).rejects.toMatchObject({ code: 'conflict', fields: { _: 'res_err_three_picks' } });
		expect(await listMyPicks({ db: app.db, actor: member })).toHaveLength(3);
	});

	it('schedules a follow-up on the platform scheduler and sends it once, in the centre', async () => {
		const { admin, member } = await setting();
		await importResources({
			db: app.db,
			actor: admin,
			input: { csv: [header, 'Choir,group,creative,Hall,Riverside,,,free,no,no,local,'].join('\n') }
		});
		const [choir] = await app.db.select().from(resources).where(eq(resources.name, 'Choir'));
		if (!choir) throw new Error('no choir');
		// Picked 15 days ago: the follow-up (14 days later, at 10:00) is due now.
		const picked = new Date(Date.now() - 15 * DAY);
		const { id } = await pickResource({
			db: app.db,
			actor: member,
			input: { resourceId: choir.id },
			now: picked
		});
		const queued = await app.db.select().from(jobs).where(eq(jobs.kind, FOLLOW_UP_JOB));
		const mine = queued.filter((j) => j.payload.pickId === id);
		expect(mine).toHaveLength(1);
		expect(mine[0]?.runAt.getTime()).toBeGreaterThan(picked.getTime() + 13 * DAY);

		const handlers = new Map([
			[
				FOLLOW_UP_JOB,
				async (job: { payload: Record<string, unknown> }) => {
					await sendFollowUp(app.db, String(job.payload.pickId));
				}
			]
		]);
		await runDueJobs({ db: app.db, handlers, workerId: 'w1' });
		// Run again, as a second instance might: still one notification.
		expect(await sendFollowUp(app.db, id)).toBe(false);
		const sent = await app.db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.userId), eq(notifications.kind, FOLLOW_UP_KIND)));
		expect(sent).toHaveLength(1);
		expect(sent[0]?.targetId).toBe(id);
		expect((await listMyPicks({ db: app.db, actor: member }))[0]?.due).toBe(true);

		// "Not yet" asks again later: a new job, and nothing due now.
		await answerFollowUp({ db: app.db, actor: member, input: { pickId: id, answer: 'not_yet' } });
		const [pick] = await app.db.select().from(resourcePicks).where(eq(resourcePicks.id, id));
		expect(pick?.answer).toBe('not_yet');
		expect(pick?.followUpAt.getTime()).toBeGreaterThan(Date.now() + 13 * DAY);
		expect(
			(await app.db.select().from(jobs).where(eq(jobs.kind, FOLLOW_UP_JOB))).filter(
				(j) => j.payload.pickId === id
			)
		).toHaveLength(2);
		expect((await listMyPicks({ db: app.db, actor: member }))[0]?.due).toBe(false);

		// "Not for me" records the engagement and frees the place.
		await answerFollowUp({
			db: app.db,
			actor: member,
			input: { pickId: id, answer: 'went_not_for_me' }
		});
		expect(await listMyPicks({ db: app.db, actor: member })).toHaveLength(0);
		const answers = await app.db
			.select({ details: auditLog.details })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'resource_pick.answer'), eq(auditLog.entityId, id)));
		expect(answers.map((a) => a.details)).toEqual(
			expect.arrayContaining([{ answer: 'not_yet' }, { answer: 'went_not_for_me' }])
		);
	});

	it('keeps one member’s picks from another and from another site', async () => {
		const { admin, member } = await setting();
		const other = await setting();
		await importResources({
			db: app.db,
			actor: admin,
			input: { csv: [header, 'Walk,activity,nature,Park,,,,free,no,no,local,'].join('\n') }
		});
		const [walk] = await app.db.select().from(resources).where(eq(resources.name, 'Walk'));
		const { id } = await pickResource({
			db: app.db,
			actor: member,
			input: { resourceId: walk?.id ?? '' }
		});
		await expect(
			pickResource({ db: app.db, actor: other.member, input: { resourceId: walk?.id ?? '' } })
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			answerFollowUp({
				db: app.db,
				actor: other.member,
				input: { pickId: id, answer: 'went_liked' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			importResources({ db: app.db, actor: member, input: { csv: header } })
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
