/**
 * Runs a job from the command line, in this process, through the same executor the workers use (a Job row
 * records it like any other); exits non-zero when the job fails. The Kubernetes CronJobs run exactly this.
 *   npm run job -- ingest --project <slug|id> --window 30d [--end 2026-10-31] [--source <id>] [--horizon 30]
 *   npm run job -- pipeline --project <slug|id> [--trigger cli]
 *   npm run job -- batch-score --project <slug|id> [--shard i --shards n] [--date YYYY-MM-DD] [--model <name>]
 *   npm run job -- <job> ... --enqueue     (hand it to the workers instead and print the job id)
 * The grammar lives in lib/server/pipeline/job-command.ts.
 */
import { hostname } from 'node:os';
import { JOB_USAGE, JobUsageError, parseJobCommand, type JobCommand } from '@/lib/server/pipeline/job-command';
import { withDatabase } from './lib/with-database';

let cmd: JobCommand;
try {
  cmd = parseJobCommand(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof JobUsageError ? `${e.message}\n${JOB_USAGE}` : String(e));
  process.exit(2);
}

// Not a literal: the batch-scoring handler may not exist in every checkout; resolved only when asked for.
const BATCH_JOB_MODULE = '@/lib/server/scoring/batch-job';

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= 'cli-does-not-sign-sessions-'.padEnd(32, '-');
  process.env.DATA_DIR ??= '.data';
  const { applyMigrations } = await import('@/lib/server/db/schema-engine');
  await applyMigrations(url);
  const { db } = await import('@/lib/server/db/client');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  type Def = import('@/lib/server/jobs/define-job').JobDefinition<unknown, unknown>;
  const workerId = `cli-${hostname()}-${process.pid}`;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  try {
    const project = await db().project.findFirst({ where: { OR: [{ id: cmd.project }, { slug: cmd.project }] } });
    if (!project) throw new Error(`no project "${cmd.project}"`);
    let def: Def;
    let payload: Record<string, unknown>;
    if (cmd.job === 'ingest') {
      const source = cmd.source
        ? await db().dataSource.findFirst({ where: { id: cmd.source, projectId: project.id } })
        : await db().dataSource.findFirst({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } });
      if (!source) throw new Error(`project "${project.slug}" has no source${cmd.source ? ` ${cmd.source}` : ''}`);
      def = (await import('@/lib/server/jobs/ingest-job')).ingestJob as unknown as Def;
      payload = {
        projectId: project.id,
        sourceId: source.id,
        end: cmd.end ?? new Date().toISOString().slice(0, 10),
        days: cmd.days,
        horizonDays: cmd.horizonDays,
        signupFilter: cmd.signupBetween ? 'signup_between' : 'active',
      };
    } else if (cmd.job === 'pipeline') {
      def = (await import('@/lib/server/pipeline/pipeline-job')).pipelineJob as unknown as Def;
      payload = { projectId: project.id, trigger: cmd.trigger };
    } else {
      const mod = (await import(BATCH_JOB_MODULE).catch(() => null)) as { batchScoreJob?: Def } | null;
      if (!mod?.batchScoreJob) throw new Error('batch scoring is not available in this build (lib/server/scoring/batch-job.ts exports no batchScoreJob)');
      def = mod.batchScoreJob;
      payload = {
        projectId: project.id,
        shard: cmd.shard,
        shards: cmd.shards,
        ...(cmd.date ? { batchDate: cmd.date } : {}),
        ...(cmd.model ? { modelName: cmd.model } : {}),
      };
    }
    const job = await enqueueJob(def, payload, { projectId: project.id });
    if (cmd.enqueue) {
      console.log(`queued ${def.name} job ${job.id}`);
      return;
    }
    // This process is the job's worker: its heartbeat keeps lease recovery in running workers off the job (and off
    // the pipeline's child jobs, which run under the same id).
    const beat = () => db().workerHeartbeat.upsert({ where: { id: workerId }, create: { id: workerId, hostname: hostname(), pid: process.pid, concurrency: 1 }, update: { lastSeenAt: new Date() } });
    await beat();
    heartbeat = setInterval(() => void beat().catch(() => {}), 2_000);
    // Run it here; the queue entry is then found already done by any worker that claims it.
    const result = await runJob(def, job.id, { workerId, log: (l) => console.log(l) });
    let row = await db().job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, error: true } });
    // A worker claimed it first: follow it to the end.
    while (row.status === 'queued' || row.status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      row = await db().job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, error: true } });
    }
    if (row.status !== 'succeeded') throw new Error(`job ${job.id} ended ${row.status}${row.error ? `: ${row.error}` : ''}`);
    console.log(JSON.stringify({ job: job.id, ...((result as object) ?? {}) }));
  } catch (err) {
    console.error(`job failed: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    await db().workerHeartbeat.delete({ where: { id: workerId } }).catch(() => {});
    await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
    await db().$disconnect();
  }
});
// The embedded PostgreSQL's exit hook exits with 0 on 'beforeExit', losing process.exitCode: exit explicitly.
process.exit(process.exitCode ?? 0);
