/**
 * A project's schedules (lib/pipeline/schedules): one row per kind, created lazily with the kind's default cron
 * and disabled (a schedule runs only once someone turns it on). Cron expressions are validated with parseCron; a
 * bad one is a 422 naming `cron`.
 */
import { z } from 'zod';
import { SCHEDULES, SCHEDULE_KINDS, isScheduleKind, nextRuns, parseCron, type ScheduleKind } from '@/lib/pipeline/schedules';
import type { ScheduleDTO } from '@/lib/pipeline/settings';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export type { ScheduleDTO } from '@/lib/pipeline/settings';

export const scheduleUpdateInput = z.strictObject({
  kind: z.enum(SCHEDULE_KINDS),
  cron: z.string().max(200).optional(),
  enabled: z.boolean().optional(),
});
export type ScheduleUpdate = z.infer<typeof scheduleUpdateInput>;

type Row = { kind: string; cron: string; enabled: boolean; lastRunAt: Date | null; lastJobId: string | null; updatedAt: Date };

export function scheduleDTO(r: Row, now = new Date()): ScheduleDTO {
  const def = SCHEDULES[r.kind as ScheduleKind];
  let upcoming: string[] = [];
  try {
    upcoming = nextRuns(r.cron, now, 3).map((d) => d.toISOString());
  } catch {
    // a stored expression this version cannot parse: shown without fire times
  }
  return {
    kind: def.kind,
    title: def.title,
    summary: def.summary,
    job: def.job,
    cron: r.cron,
    defaultCron: def.defaultCron,
    enabled: r.enabled,
    lastRunAt: r.lastRunAt?.toISOString() ?? null,
    lastJobId: r.lastJobId,
    nextRuns: r.enabled ? upcoming : [],
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Creates the missing schedule rows of a project (defaults, disabled); idempotent and race-safe. */
export async function ensureSchedules(projectId: string): Promise<void> {
  await db().schedule.createMany({
    data: SCHEDULE_KINDS.map((kind) => ({ projectId, kind, cron: SCHEDULES[kind].defaultCron, enabled: false })),
    skipDuplicates: true,
  });
}

/** The project's three schedules, in SCHEDULE_KINDS order. */
export async function listSchedules(projectId: string, now = new Date()): Promise<ScheduleDTO[]> {
  await ensureSchedules(projectId);
  const rows = await db().schedule.findMany({ where: { projectId } });
  return SCHEDULE_KINDS.map((k) => rows.find((r) => r.kind === k)).filter((r): r is NonNullable<typeof r> => !!r).map((r) => scheduleDTO(r, now));
}

/** Validates a cron expression; AppError 422 naming `cron` with parseCron's message. Returns it normalized. */
export function checkCron(cron: string): string {
  try {
    return parseCron(cron).expression;
  } catch (e) {
    const message = (e as Error).message;
    throw new AppError('unprocessable', `cron: ${message}`, { issues: [{ path: 'cron', message }] });
  }
}

/** Changes one schedule's cron and/or enabled flag; 422 for a bad cron, 404 for an unknown kind. Audited. */
export async function updateSchedule(projectId: string, input: unknown, userId: string | null): Promise<ScheduleDTO> {
  const raw = input as { kind?: unknown } | null;
  if (raw && typeof raw.kind === 'string' && !isScheduleKind(raw.kind)) throw new AppError('not_found', `kind: no schedule kind "${raw.kind}" (one of ${SCHEDULE_KINDS.join(', ')})`);
  const data = scheduleUpdateInput.parse(input);
  const cron = data.cron === undefined ? undefined : checkCron(data.cron);
  await ensureSchedules(projectId);
  const row = await db().$transaction(async (tx) => {
    const r = await tx.schedule.update({
      where: { projectId_kind: { projectId, kind: data.kind } },
      data: { ...(cron !== undefined ? { cron } : {}), ...(data.enabled !== undefined ? { enabled: data.enabled } : {}), updatedById: userId },
    });
    await recordAudit({ actorId: userId, action: 'schedule.update', target: `project:${projectId}`, detail: { kind: data.kind, cron: r.cron, enabled: r.enabled } }, tx);
    return r;
  });
  return scheduleDTO(row);
}
