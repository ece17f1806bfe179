/**
 * Schedules against a real PostgreSQL: CRUD with cron validation, the scheduler's compare-and-set (two ticks at
 * once queue one job), and the cron route's secret and once-per-slot runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTestProject, type TestProject } from '../helpers/test-project';

const CRON_SECRET = 'test-cron-secret-0123456789';
process.env.CRON_SECRET = CRON_SECRET;

let world: TestProject;
let project: { id: string; slug: string };
let sci: { id: string };

beforeAll(async () => {
  world = await setUpTestProject('Schedules');
  ({ project, sci } = world);
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('schedules', () => {
  it('lists the three kinds with defaults (disabled), validates cron (422 naming cron), enables and updates', async () => {
    const { listSchedules, updateSchedule } = await import('@/lib/server/pipeline/schedules');
    const now = new Date('2026-11-28T01:00:00Z');
    const list = await listSchedules(project.id, now);
    expect(list.map((s) => [s.kind, s.cron, s.enabled, s.job])).toEqual([
      ['daily-ingest', '0 1 * * *', false, 'ingest'],
      ['weekly-retrain', '0 2 * * 0', false, 'pipeline'],
      ['nightly-score', '0 3 * * *', false, 'batch-score'],
    ]);
    expect(list[0].nextRuns).toEqual([]);
    expect(await listSchedules(project.id)).toHaveLength(3); // idempotent

    const bad = await updateSchedule(project.id, { kind: 'weekly-retrain', cron: '0 24 * * 0' }, sci.id).catch((e) => e);
    expect(bad).toMatchObject({ code: 'unprocessable', status: 422, details: { issues: [{ path: 'cron' }] } });
    expect(bad.message).toMatch(/^cron: cron hour: "24" is out of range 0-23/);
    await expect(updateSchedule(project.id, { kind: 'weekly-retrain', cron: '0 2 * *' }, sci.id)).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/^cron: .*5 fields/) });
    await expect(updateSchedule(project.id, { kind: 'hourly-party', enabled: true }, sci.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateSchedule(project.id, { kind: 'weekly-retrain', enabled: 'yes' }, sci.id)).rejects.toThrow(/enabled/);
    await expect(updateSchedule(project.id, { kind: 'weekly-retrain', colour: 'red' }, sci.id)).rejects.toThrow(/colour/);

    const s = await updateSchedule(project.id, { kind: 'weekly-retrain', cron: '  30   4 * * sun ', enabled: true }, sci.id);
    expect(s).toMatchObject({ kind: 'weekly-retrain', cron: '30 4 * * sun', enabled: true });
    expect(s.nextRuns).toHaveLength(3);
    expect(s.nextRuns.every((r) => new Date(r).getUTCDay() === 0 && r.endsWith('T04:30:00.000Z'))).toBe(true);
    const off = await updateSchedule(project.id, { kind: 'weekly-retrain', enabled: false }, sci.id);
    expect(off).toMatchObject({ cron: '30 4 * * sun', enabled: false, nextRuns: [] });
  });

  it('the scheduler fires a due schedule once even when ticks run at the same time (compare-and-set)', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { updateSchedule } = await import('@/lib/server/pipeline/schedules');
    const { tickSchedules, dueSlot, dueSchedules, fireDue } = await import('@/lib/server/pipeline/run-schedules');
    expect(dueSlot('0 2 * * 0', null, new Date('2026-11-28T00:00:00Z'), new Date('2026-11-29T01:59:00Z'))).toBeNull();
    expect(dueSlot('0 2 * * 0', null, new Date('2026-11-28T00:00:00Z'), new Date('2026-11-29T02:00:10Z'))).toEqual(new Date('2026-11-29T02:00:00Z'));
    expect(dueSlot('0 2 * * 0', new Date('2026-11-29T02:00:10Z'), new Date('2026-11-28T00:00:00Z'), new Date('2026-11-29T02:00:40Z'))).toBeNull();

    await updateSchedule(project.id, { kind: 'weekly-retrain', cron: '* * * * *', enabled: true }, sci.id);
    const jobsBefore = await db().job.count({ where: { projectId: project.id, type: 'pipeline' } });
    const at = new Date(Date.now() + 2 * 60_000);
    const fired = (await Promise.all(Array.from({ length: 4 }, () => tickSchedules(at)))).flat();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ projectId: project.id, kind: 'weekly-retrain', jobId: expect.any(String) });
    expect(await db().job.count({ where: { projectId: project.id, type: 'pipeline' } })).toBe(jobsBefore + 1);
    const row = await db().schedule.findUniqueOrThrow({ where: { projectId_kind: { projectId: project.id, kind: 'weekly-retrain' } } });
    expect(row).toMatchObject({ lastRunAt: at, lastJobId: fired[0].jobId });
    expect(await db().job.findUniqueOrThrow({ where: { id: fired[0].jobId! } })).toMatchObject({ type: 'pipeline', payload: { projectId: project.id, trigger: 'schedule' } });
    // The same slot again: nothing; the next minute: once more.
    expect(await tickSchedules(at)).toEqual([]);
    expect(await tickSchedules(new Date(at.getTime() + 60_000))).toHaveLength(1);
    // Two workers that both read the schedule as due before either claims it: only one fires.
    const next = new Date(at.getTime() + 2 * 60_000);
    const [seenA, seenB] = [await dueSchedules(next), await dueSchedules(next)];
    expect(seenA).toHaveLength(1);
    expect(seenB).toEqual(seenA);
    const [firedA, firedB] = await Promise.all([fireDue(seenA, next), fireDue(seenB, next)]);
    expect(firedA.length + firedB.length).toBe(1);
    expect(await db().job.count({ where: { projectId: project.id, type: 'pipeline' } })).toBe(jobsBefore + 3);
    // Disabled schedules never fire; a project without a source has no daily ingest to run.
    await updateSchedule(project.id, { kind: 'weekly-retrain', enabled: false }, sci.id);
    await updateSchedule(project.id, { kind: 'daily-ingest', cron: '* * * * *', enabled: true }, sci.id);
    const later = await tickSchedules(new Date(at.getTime() + 5 * 60_000));
    expect(later).toEqual([expect.objectContaining({ kind: 'daily-ingest', jobId: null, skipped: expect.stringMatching(/no SQL source/) })]);
    await updateSchedule(project.id, { kind: 'daily-ingest', enabled: false }, sci.id);
  });
});

describe('cron route', () => {
  const call = async (kind: string, authorization?: string) => {
    const { GET } = await import('@/app/api/cron/[kind]/route');
    const req = new Request(`http://localhost/api/cron/${kind}`, { headers: authorization ? { authorization } : {} });
    return GET(req, { params: Promise.resolve({ kind }) });
  };

  it('refuses requests without the secret or with a wrong one (401), answers 503 when no secret is configured', async () => {
    for (const auth of [undefined, 'Bearer wrong-secret-0123456789', `Basic ${CRON_SECRET}`, `Bearer ${CRON_SECRET}x`, 'Bearer ']) {
      const res = await call('weekly-retrain', auth);
      expect(res.status, String(auth)).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    const { checkCronAuthorization } = await import('@/lib/server/pipeline/cron-auth');
    expect(() => checkCronAuthorization(`Bearer ${CRON_SECRET}`, undefined)).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/cron disabled/) }));
    expect(() => checkCronAuthorization(`Bearer ${CRON_SECRET}`, CRON_SECRET)).not.toThrow();
  });

  it('with the secret: runs the kind for every project whose schedule of that kind is enabled, once', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { updateSchedule } = await import('@/lib/server/pipeline/schedules');
    expect((await call('no-such-kind', `Bearer ${CRON_SECRET}`)).status).toBe(404);
    let res = await call('weekly-retrain', `Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'weekly-retrain', jobs: [], skipped: [] });

    await updateSchedule(project.id, { kind: 'weekly-retrain', cron: '0 2 * * 0', enabled: true }, sci.id);
    await db().schedule.updateMany({ where: { projectId: project.id }, data: { lastRunAt: null } });
    res = await call('weekly-retrain', `Bearer ${CRON_SECRET}`);
    const body = await res.json();
    expect(body.jobs).toEqual([{ project: project.slug, jobId: expect.any(String) }]);
    expect(await db().job.findUniqueOrThrow({ where: { id: body.jobs[0].jobId } })).toMatchObject({ type: 'pipeline', payload: { trigger: 'cron' } });
    // A repeated delivery right after does not queue a second run.
    const again = await (await call('weekly-retrain', `Bearer ${CRON_SECRET}`)).json();
    expect(again.jobs).toEqual([]);
    expect(again.skipped).toEqual([{ project: project.slug, reason: expect.stringMatching(/already ran/) }]);
  });
});
