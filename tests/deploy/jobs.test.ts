/**
 * Every scheduler runs an existing job: each Kubernetes CronJob's command (base and overlays) is accepted by
 * scripts/job.ts's grammar (lib/server/pipeline/job-command) and names a job the workers know (JOB_DEFINITIONS);
 * every schedule kind's job, which the worker's scheduler and the cron route queue, is known too; and the Vercel
 * crons call a route that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEDULE_KINDS, SCHEDULES } from '@/lib/pipeline/schedules';
import { JOB_DEFINITIONS } from '@/lib/server/jobs/registry';
import { CLI_JOBS, JobUsageError, parseJobCommand } from '@/lib/server/pipeline/job-command';
import { buildKustomization, containersOf, idOf, type K8sObject } from './helpers/kustomize';

const K8S = path.resolve('k8s');
const DIRS = { base: path.join(K8S, 'base'), dev: path.join(K8S, 'overlays/dev'), prod: path.join(K8S, 'overlays/prod') };
const known = new Set(JOB_DEFINITIONS.map((d) => d.name));

/** Kubernetes expands `$(VAR)` from the container's env: stand-ins of the right shape. */
const expand = (arg: string, env: Record<string, string>) => arg.replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);

function jobArgv(c: Record<string, unknown>, env: Record<string, string>): string[] | null {
  const argv = [...((c.command as string[]) ?? []), ...((c.args as string[]) ?? [])];
  const i = argv.indexOf('--');
  return argv.slice(0, 3).join(' ') === 'npm run job' && i === 3 ? argv.slice(i + 1).map((a) => expand(a, env)) : null;
}

/** The pod indices a Job runs: 0 … completions-1 for an Indexed Job, else just 0. */
function indices(o: K8sObject): number[] {
  const spec = (o.kind === 'CronJob' ? (o.spec as { jobTemplate?: { spec?: unknown } }).jobTemplate?.spec : o.spec) as { completionMode?: string; completions?: number } | undefined;
  return spec?.completionMode === 'Indexed' ? Array.from({ length: spec.completions ?? 1 }, (_, i) => i) : [0];
}

describe.each(Object.entries(DIRS))('k8s/%s: CronJobs and Jobs', (_name, dir) => {
  it('run `npm run job -- <job> …` that scripts/job.ts accepts, naming a job the workers know', () => {
    const scheduled = buildKustomization(dir).filter((o: K8sObject) => o.kind === 'CronJob' || o.kind === 'Job');
    expect(scheduled.length).toBeGreaterThanOrEqual(SCHEDULE_KINDS.length);
    const seen = new Set<string>();
    for (const o of scheduled) {
      for (const c of containersOf(o)) {
        for (const index of indices(o)) {
          const argv = jobArgv(c, { CHURNLAB_PROJECT: 'telco-churn-demo', JOB_COMPLETION_INDEX: String(index) });
          expect(argv, `${idOf(o)} runs scripts/job.ts`).not.toBeNull();
          const cmd = parseJobCommand(argv!);
          expect(known.has(cmd.job), `${idOf(o)}: job "${cmd.job}" is in JOB_DEFINITIONS (${[...known].join(', ')})`).toBe(true);
          expect(cmd.enqueue, `${idOf(o)} runs the job in its pod`).toBe(false);
          expect(cmd.project).toBe('telco-churn-demo');
          if (cmd.job === 'batch-score') expect(cmd.shard).toBe(index);
          seen.add(cmd.job);
        }
      }
    }
    expect([...seen].sort()).toEqual([...new Set(SCHEDULE_KINDS.map((k) => SCHEDULES[k].job))].sort());
  });
});

describe('job names', () => {
  it('every schedule kind queues a job the workers know, and the CLI runs each of them', () => {
    for (const k of SCHEDULE_KINDS) {
      expect(known.has(SCHEDULES[k].job), `${k} → ${SCHEDULES[k].job}`).toBe(true);
      expect(CLI_JOBS as readonly string[]).toContain(SCHEDULES[k].job);
    }
  });

  it('the CLI grammar refuses what a CronJob must not run', () => {
    expect(() => parseJobCommand(['train', '--project', 'p'])).toThrow(JobUsageError);
    expect(() => parseJobCommand(['pipeline'])).toThrow(/--project/);
    expect(() => parseJobCommand(['pipeline', '--project', 'p', '--trigger', 'cronjob'])).toThrow(/--trigger/);
    expect(() => parseJobCommand(['pipeline', '--project', 'p', '--window', '30d'])).toThrow(/window/);
    expect(() => parseJobCommand(['batch-score', '--project', 'p', '--shard', '4', '--shards', '4'])).toThrow(/--shard must be less/);
    expect(() => parseJobCommand(['batch-score', '--project', 'p', '--shard', '$(JOB_COMPLETION_INDEX)', '--shards', '4'])).toThrow(/--shard/);
    expect(() => parseJobCommand(['ingest', '--project', 'p', '--window', 'month'])).toThrow(/--window/);
    expect(parseJobCommand(['pipeline', '--project', 'p'])).toEqual({ job: 'pipeline', project: 'p', enqueue: false, trigger: 'cli' });
    expect(parseJobCommand(['batch-score', '--project', 'p', '--shard', '1', '--shards', '4', '--date', '2026-11-28', '--model', 'm'])).toEqual({
      job: 'batch-score',
      project: 'p',
      enqueue: false,
      shard: 1,
      shards: 4,
      date: '2026-11-28',
      model: 'm',
    });
    expect(parseJobCommand(['ingest', '--project', 'p', '--window', '7d', '--end', '2026-09-30'])).toMatchObject({ job: 'ingest', days: 7, end: '2026-09-30', horizonDays: 30 });
  });

  it('each Vercel cron calls /api/cron/<kind> of a schedule kind, served by app/api/cron/[kind]/route.ts (GET)', () => {
    const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as { crons: { path: string }[] };
    expect(vercel.crons.map((c) => c.path).sort()).toEqual(SCHEDULE_KINDS.map((k) => SCHEDULES[k].path).sort());
    const route = path.resolve('app/api/cron/[kind]/route.ts');
    expect(existsSync(route)).toBe(true);
    expect(readFileSync(route, 'utf8')).toMatch(/export const GET\b/);
  });
});
