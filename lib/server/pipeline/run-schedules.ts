/**
 * Firing schedules. Two callers, one rule: a schedule fires by moving its `lastRunAt` with a compare-and-set
 * UPDATE (… WHERE lastRunAt IS NOT DISTINCT FROM <what we read>), so of any number of workers ticking at once,
 * or a worker and the Vercel cron route, exactly one starts the job of a slot.
 *
 * - `tickSchedules` (the worker's scheduler, one machine): an enabled schedule is due when its next fire time
 *   after max(lastRunAt, updatedAt) has come; slots missed while no worker ran fire once, not once per slot.
 * - `runCronKind` (GET /api/cron/<kind>): the external scheduler decides the time; every enabled schedule of that
 *   kind fires unless it already fired in the last few minutes (a repeated delivery, or the worker got there first).
 */
import { SCHEDULES, nextRuns, type ScheduleKind } from '@/lib/pipeline/schedules';
import { ingestWindowEnd } from '@/lib/pipeline/settings';
import { db } from '@/lib/server/db/client';
import { ingestJobSpec } from '@/lib/server/jobs/ingest-spec';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { batchScoreJobSpec } from '@/lib/server/scoring/batch-spec';
import { pipelineJobSpec } from './pipeline-spec';
import { getPipelineSettings } from './settings';

/** How long after a fire the cron route treats the schedule as already run. */
export const CRON_REPEAT_GUARD_MS = 5 * 60_000;

export interface ScheduleFire {
  projectId: string;
  projectSlug: string;
  kind: ScheduleKind;
  /** the queued job, or null when nothing was queued (see `skipped`) */
  jobId: string | null;
  skipped?: string;
}

/** The slot a schedule is due for at `now` (its first fire time after the later of lastRunAt and updatedAt), or null. */
export function dueSlot(cron: string, lastRunAt: Date | null, updatedAt: Date, now: Date): Date | null {
  const base = lastRunAt && lastRunAt > updatedAt ? lastRunAt : updatedAt;
  const [next] = nextRuns(cron, base, 1);
  return next && next.getTime() <= now.getTime() ? next : null;
}

/** Compare-and-set: true for the one caller that moved lastRunAt from `seen` to `now`. */
async function claim(id: string, seen: Date | null, now: Date): Promise<boolean> {
  const { count } = await db().schedule.updateMany({ where: { id, enabled: true, lastRunAt: seen }, data: { lastRunAt: now } });
  return count === 1;
}

/** Queues the job of a schedule kind for a project. Returns null with a reason when there is nothing to run. */
export async function startScheduleJob(
  project: { id: string; slug: string },
  kind: ScheduleKind,
  trigger: 'schedule' | 'cron',
  now = new Date(),
): Promise<{ jobId: string } | { jobId: null; skipped: string }> {
  const job = SCHEDULES[kind].job;
  const settings = await getPipelineSettings(project.id);
  if (job === 'ingest') {
    const source = settings.ingest.sourceId
      ? await db().dataSource.findFirst({ where: { id: settings.ingest.sourceId, projectId: project.id } })
      : await db().dataSource.findFirst({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } });
    if (!source) return { jobId: null, skipped: 'the project has no SQL source to ingest from' };
    const payload = {
      projectId: project.id,
      sourceId: source.id,
      end: ingestWindowEnd(settings.ingest, now, 'score'),
      days: settings.ingest.windowDays,
      horizonDays: settings.ingest.labelHorizonDays,
      signupFilter: settings.ingest.signupFilter,
    };
    return { jobId: (await enqueueJob(ingestJobSpec, payload, { projectId: project.id })).id };
  }
  if (job === 'pipeline') return { jobId: (await enqueueJob(pipelineJobSpec, { projectId: project.id, trigger }, { projectId: project.id })).id };
  const champion = await db().modelAlias.findFirst({
    where: { alias: 'champion', model: { projectId: project.id, ...(settings.registry.modelName ? { name: settings.registry.modelName } : {}) } },
  });
  if (!champion) return { jobId: null, skipped: 'no champion to score with' };
  const payload = { projectId: project.id, ...(settings.registry.modelName ? { modelName: settings.registry.modelName } : {}) };
  return { jobId: (await enqueueJob(batchScoreJobSpec, payload, { projectId: project.id })).id };
}

async function fire(row: { id: string; kind: string; projectId: string; project: { slug: string } }, trigger: 'schedule' | 'cron', now: Date): Promise<ScheduleFire> {
  const kind = row.kind as ScheduleKind;
  const base = { projectId: row.projectId, projectSlug: row.project.slug, kind };
  try {
    const started = await startScheduleJob({ id: row.projectId, slug: row.project.slug }, kind, trigger, now);
    if (started.jobId) await db().schedule.update({ where: { id: row.id }, data: { lastJobId: started.jobId } });
    return { ...base, ...started };
  } catch (e) {
    return { ...base, jobId: null, skipped: `could not queue the job: ${(e as Error).message}` };
  }
}

type DueRow = { id: string; kind: string; projectId: string; lastRunAt: Date | null; project: { slug: string } };

/** The enabled schedules due at `now`, as read (each carries the `lastRunAt` its claim will compare against). */
export async function dueSchedules(now = new Date()): Promise<DueRow[]> {
  const rows = await db().schedule.findMany({ where: { enabled: true }, include: { project: { select: { slug: true } } } });
  return rows.filter((row) => {
    if (!(row.kind in SCHEDULES)) return false;
    try {
      return dueSlot(row.cron, row.lastRunAt, row.updatedAt, now) !== null;
    } catch {
      return false; // an expression this version cannot parse never fires
    }
  });
}

/** Claims and fires each due schedule; a schedule another caller claimed since it was read is left alone. */
export async function fireDue(rows: DueRow[], now = new Date()): Promise<ScheduleFire[]> {
  const fired: ScheduleFire[] = [];
  for (const row of rows) {
    if (await claim(row.id, row.lastRunAt, now)) fired.push(await fire(row, 'schedule', now));
  }
  return fired;
}

/** One scheduler tick: fires every enabled schedule that is due at `now` (at most once per slot across workers). */
export async function tickSchedules(now = new Date()): Promise<ScheduleFire[]> {
  return fireDue(await dueSchedules(now), now);
}

/** The cron route: fires `kind` for every project whose schedule of that kind is enabled. */
export async function runCronKind(kind: ScheduleKind, now = new Date()): Promise<ScheduleFire[]> {
  const rows = await db().schedule.findMany({ where: { kind, enabled: true }, include: { project: { select: { slug: true } } }, orderBy: { projectId: 'asc' } });
  const out: ScheduleFire[] = [];
  for (const row of rows) {
    const base = { projectId: row.projectId, projectSlug: row.project.slug, kind };
    if (row.lastRunAt && now.getTime() - row.lastRunAt.getTime() < CRON_REPEAT_GUARD_MS) {
      out.push({ ...base, jobId: null, skipped: `already ran at ${row.lastRunAt.toISOString()}` });
      continue;
    }
    if (!(await claim(row.id, row.lastRunAt, now))) {
      out.push({ ...base, jobId: null, skipped: 'fired by another scheduler meanwhile' });
      continue;
    }
    out.push(await fire(row, 'cron', now));
  }
  return out;
}
