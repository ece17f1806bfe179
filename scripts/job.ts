/**
 * Runs a job from the command line, in this process, through the same executor the workers use (a Job row
 * records it like any other):
 *   npm run job -- ingest --project <slug|id> --window 30d [--end 2026-10-31] [--source <id>] [--horizon 30]
 *   npm run job -- ingest ... --enqueue     (hand it to the workers instead and print the job id)
 */
import { parseArgs } from 'node:util';
import { withDatabase } from './lib/with-database';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    project: { type: 'string' },
    window: { type: 'string', default: '30d' },
    end: { type: 'string' },
    source: { type: 'string' },
    horizon: { type: 'string', default: '30' },
    'signup-between': { type: 'boolean', default: false },
    enqueue: { type: 'boolean', default: false },
  },
});

const name = positionals[0];
if (name !== 'ingest' || !values.project) {
  console.error('usage: npm run job -- ingest --project <slug|id> [--window 30d] [--end YYYY-MM-DD] [--source <id>] [--horizon 30] [--signup-between] [--enqueue]');
  process.exit(2);
}
const m = /^(\d+)d$/.exec(values.window ?? '');
if (!m) {
  console.error(`--window must look like 30d, got "${values.window}"`);
  process.exit(2);
}

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= 'cli-does-not-sign-sessions-'.padEnd(32, '-');
  process.env.DATA_DIR ??= '.data';
  const { applyMigrations } = await import('@/lib/server/db/schema-engine');
  await applyMigrations(url);
  const { db } = await import('@/lib/server/db/client');
  const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  try {
    const project = await db().project.findFirst({ where: { OR: [{ id: values.project }, { slug: values.project }] } });
    if (!project) throw new Error(`no project "${values.project}"`);
    const source = values.source
      ? await db().dataSource.findFirst({ where: { id: values.source, projectId: project.id } })
      : await db().dataSource.findFirst({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } });
    if (!source) throw new Error(`project "${project.slug}" has no source${values.source ? ` ${values.source}` : ''}`);
    const payload = {
      projectId: project.id,
      sourceId: source.id,
      end: values.end ?? new Date().toISOString().slice(0, 10),
      days: Number(m[1]),
      horizonDays: Number(values.horizon),
      signupFilter: values['signup-between'] ? 'signup_between' : 'active',
    };
    const job = await enqueueJob(ingestJob, payload, { projectId: project.id });
    if (values.enqueue) {
      console.log(`queued ingest job ${job.id}`);
      return;
    }
    // Run it here; the queue entry is then found already done by any worker that claims it.
    const result = await runJob(ingestJob, job.id, { workerId: `cli-${process.pid}`, log: (l) => console.log(l) });
    console.log(JSON.stringify({ job: job.id, ...((result as object) ?? {}) }));
  } catch (err) {
    console.error(`job failed: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
    await db().$disconnect();
  }
});
