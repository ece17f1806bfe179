/**
 * Background jobs: a `Job` row carries what the UI shows (status, progress, result, error); pg-boss carries
 * delivery (retries with exponential backoff, lease expiry, dead letters). `runJob` is the one executor, used by
 * the worker and by the CLI alike.
 */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getBoss } from '@/lib/server/jobs/boss';
import { JobCancelledError, type JobContext, type JobDefinition } from '@/lib/server/jobs/define-job';

export type { JobDTO } from '@/lib/api/dto';
import type { JobDTO } from '@/lib/api/dto';

type Row = Awaited<ReturnType<ReturnType<typeof db>['job']['findUniqueOrThrow']>>;

export function jobToDTO(j: Row): JobDTO {
  return {
    id: j.id,
    type: j.type,
    status: j.status,
    progress: j.progress,
    message: j.message,
    error: j.error,
    result: j.result,
    detail: j.detail,
    attempts: j.attempts,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export const DEAD_LETTER_QUEUE = 'dead-letter';

/** Validates the payload, records the job and queues it. */
export async function enqueueJob<P>(
  def: Pick<JobDefinition<P>, 'name' | 'version' | 'payloadSchema' | 'retryLimit' | 'expireInSeconds'>,
  payload: unknown,
  opts: { projectId?: string | null; createdById?: string | null; priority?: number } = {},
): Promise<JobDTO> {
  const parsed = def.payloadSchema.parse(payload);
  const id = randomUUID();
  const row = await db().job.create({
    data: { id, type: def.name, version: def.version, payload: parsed as Prisma.InputJsonValue, projectId: opts.projectId ?? null, createdById: opts.createdById ?? null },
  });
  const boss = await getBoss();
  await ensureQueue(def);
  await boss.send(def.name, { jobId: id }, { id, priority: opts.priority ?? 0, retryLimit: def.retryLimit, retryBackoff: true, retryDelay: 5, expireInSeconds: def.expireInSeconds });
  return jobToDTO(row);
}

const createdQueues = new Set<string>();

/**
 * Creates the job's queue (and the dead-letter queue) when missing. Creation is serialized across processes by an
 * advisory lock: pg-boss's create_queue adds foreign keys to its queue table, and two processes creating queues at
 * once (two workers starting on a fresh database, or a worker and the app) deadlock there, and PostgreSQL aborts one.
 */
export async function ensureQueue(def: Pick<JobDefinition, 'name' | 'retryLimit' | 'expireInSeconds'>): Promise<void> {
  if (createdQueues.has(def.name)) return;
  const boss = await getBoss();
  const present = async () => Boolean((await boss.getQueue(DEAD_LETTER_QUEUE)) && (await boss.getQueue(def.name)));
  if (!(await present())) {
    await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('churnlab:create-queues'))`;
        if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) await boss.createQueue(DEAD_LETTER_QUEUE);
        if (!(await boss.getQueue(def.name))) {
          await boss.createQueue(def.name, { name: def.name, retryLimit: def.retryLimit, retryBackoff: true, retryDelay: 5, expireInSeconds: def.expireInSeconds, deadLetter: DEAD_LETTER_QUEUE });
        }
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
  }
  createdQueues.add(def.name);
}

/**
 * Runs one job to completion: marks it running, calls the handler with progress and cancellation, records the
 * result or the error. Throws the handler's error (so the queue retries) unless the job was cancelled.
 */
export async function runJob<P, R>(def: JobDefinition<P, R>, jobId: string, opts: { workerId: string; signal?: AbortSignal; log?: (m: string) => void }): Promise<R | undefined> {
  const job = await db().job.findUnique({ where: { id: jobId } });
  if (!job) throw new Error(`job ${jobId} does not exist`);
  if (job.status === 'succeeded' || job.status === 'cancelled') return job.result as R; // idempotent on redelivery
  if (job.cancelRequestedAt) {
    await db().job.update({ where: { id: jobId }, data: { status: 'cancelled', finishedAt: new Date() } });
    return undefined;
  }
  const payload = def.payloadSchema.parse(job.payload);
  // Claim by compare-and-set: of two deliveries of one job (queue retry, lease recovery) only one runs it.
  const claimed = await db().job.updateMany({
    where: { id: jobId, status: { in: ['queued', 'failed'] } },
    data: { status: 'running', startedAt: new Date(), attempts: { increment: 1 }, workerId: opts.workerId, error: null },
  });
  if (claimed.count === 0) return undefined;

  const abort = new AbortController();
  const outer = opts.signal;
  const onOuter = () => abort.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter);
  let lastCheck = 0;
  const ctx: JobContext = {
    jobId,
    projectId: job.projectId,
    createdById: job.createdById,
    signal: abort.signal,
    log: opts.log ?? ((m) => console.log(`[job ${def.name} ${jobId.slice(0, 8)}] ${m}`)),
    async progress(fraction, message, detail, popts) {
      const now = Date.now();
      if (now - lastCheck < 500 && fraction < 1 && !popts?.force) return; // at most two writes a second
      lastCheck = now;
      const row = await db().job.update({
        where: { id: jobId },
        data: {
          progress: Math.max(0, Math.min(1, fraction)),
          ...(message !== undefined ? { message } : {}),
          ...(detail !== undefined ? { detail: detail as Prisma.InputJsonValue } : {}),
        },
        select: { cancelRequestedAt: true },
      });
      if (row.cancelRequestedAt) abort.abort(new JobCancelledError());
      if (abort.signal.aborted) throw abort.signal.reason ?? new JobCancelledError();
    },
  };
  try {
    const result = await def.handler(payload, ctx);
    await db().job.update({
      where: { id: jobId },
      data: { status: 'succeeded', progress: 1, finishedAt: new Date(), result: (result ?? null) as Prisma.InputJsonValue },
    });
    return result;
  } catch (err) {
    const cancelled = err instanceof JobCancelledError || (await db().job.findUnique({ where: { id: jobId }, select: { cancelRequestedAt: true } }))?.cancelRequestedAt;
    const message = err instanceof Error ? err.message : String(err);
    // A worker shutting down hands the job back: the queue redelivers it to another worker.
    const handedBack = !cancelled && outer?.aborted;
    await db().job.update({
      where: { id: jobId },
      data: cancelled
        ? { status: 'cancelled', finishedAt: new Date() }
        : handedBack
          ? { status: 'queued', message: 'worker stopped; waiting for another worker', workerId: null }
          : { status: 'failed', error: message, finishedAt: new Date() },
    });
    if (cancelled) return undefined;
    throw err;
  } finally {
    outer?.removeEventListener('abort', onOuter);
  }
}

/** Asks a job to stop: a queued job is cancelled at once; a running one stops at its next progress report. */
export async function cancelJob(jobId: string, projectId?: string): Promise<JobDTO> {
  const job = await db().job.findUnique({ where: { id: jobId } });
  if (!job || (projectId && job.projectId !== projectId)) throw new AppError('not_found', `no job ${jobId}`);
  if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') {
    throw new AppError('conflict', `job ${jobId} already ${job.status}`);
  }
  const updated = await db().job.update({
    where: { id: jobId },
    data: { cancelRequestedAt: new Date(), ...(job.status === 'queued' ? { status: 'cancelled', finishedAt: new Date() } : {}) },
  });
  if (job.status === 'queued') await (await getBoss()).cancel(job.type, jobId).catch(() => {});
  return jobToDTO(updated);
}

export async function listJobs(projectId: string, limit = 20): Promise<JobDTO[]> {
  const rows = await db().job.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, take: limit });
  return rows.map(jobToDTO);
}

export async function getJob(jobId: string): Promise<JobDTO> {
  const j = await db().job.findUnique({ where: { id: jobId } });
  if (!j) throw new AppError('not_found', `no job ${jobId}`);
  return jobToDTO(j);
}
