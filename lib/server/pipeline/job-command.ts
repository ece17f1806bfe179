/**
 * The command line of scripts/job.ts (`npm run job -- <job> …`), parsed and validated here so the CLI, the
 * Kubernetes CronJobs (tests/deploy) and the docs agree on one grammar:
 *
 *   ingest      --project <slug|id> [--window 30d] [--end YYYY-MM-DD] [--source <id>] [--horizon 30] [--signup-between]
 *   pipeline    --project <slug|id> [--trigger cli|schedule|cron|notebook]
 *   batch-score --project <slug|id> [--shard i --shards n] [--date YYYY-MM-DD] [--model <name>]
 *
 * Every job also takes `--enqueue` (hand it to the workers and print the job id instead of running it here).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PIPELINE_TRIGGERS, type PipelineTrigger } from '@/lib/pipeline/settings';

export const CLI_JOBS = ['ingest', 'pipeline', 'batch-score'] as const;
export type CliJob = (typeof CLI_JOBS)[number];

export const JOB_USAGE = [
  'usage: npm run job -- <job> --project <slug|id> [options] [--enqueue]',
  '  ingest      [--window 30d] [--end YYYY-MM-DD] [--source <id>] [--horizon 30] [--signup-between]',
  '  pipeline    [--trigger cli|schedule|cron|notebook]',
  '  batch-score [--shard i --shards n] [--date YYYY-MM-DD] [--model <name>]',
].join('\n');

export type JobCommand =
  | { job: 'ingest'; project: string; enqueue: boolean; days: number; end: string | null; source: string | null; horizonDays: number; signupBetween: boolean }
  | { job: 'pipeline'; project: string; enqueue: boolean; trigger: PipelineTrigger }
  | { job: 'batch-score'; project: string; enqueue: boolean; shard: number; shards: number; date: string | null; model: string | null };

export class JobUsageError extends Error {
  override readonly name = 'JobUsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { project: { type: 'string' }, enqueue: { type: 'boolean', default: false } };
const OPTIONS: Record<CliJob, Options> = {
  ingest: { ...COMMON, window: { type: 'string', default: '30d' }, end: { type: 'string' }, source: { type: 'string' }, horizon: { type: 'string', default: '30' }, 'signup-between': { type: 'boolean', default: false } },
  pipeline: { ...COMMON, trigger: { type: 'string', default: 'cli' } },
  'batch-score': { ...COMMON, shard: { type: 'string', default: '0' }, shards: { type: 'string', default: '1' }, date: { type: 'string' }, model: { type: 'string' } },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function int(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new JobUsageError(`--${name} must be an integer ${min}-${max}, got "${text}"`);
  return Number(text);
}

/** Parses `argv` (after `npm run job --`); throws JobUsageError naming the bad argument. */
export function parseJobCommand(argv: readonly string[]): JobCommand {
  const job = argv[0];
  if (!job || !(CLI_JOBS as readonly string[]).includes(job)) throw new JobUsageError(`unknown job "${job ?? ''}"; known: ${CLI_JOBS.join(', ')}`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv.slice(1), options: OPTIONS[job as CliJob], strict: true, allowPositionals: false }) as { values: Record<string, string | boolean | undefined> });
  } catch (e) {
    throw new JobUsageError(`${job}: ${(e as Error).message}`);
  }
  const project = values.project;
  if (typeof project !== 'string' || !project) throw new JobUsageError(`${job}: --project <slug|id> is required`);
  const enqueue = values.enqueue === true;
  if (job === 'ingest') {
    const m = /^(\d+)d$/.exec(String(values.window));
    if (!m) throw new JobUsageError(`--window must look like 30d, got "${values.window}"`);
    const end = (values.end as string | undefined) ?? null;
    if (end !== null && !ISO_DATE.test(end)) throw new JobUsageError(`--end must be a YYYY-MM-DD date, got "${end}"`);
    return {
      job,
      project,
      enqueue,
      days: int('window', m[1], 1, 3660),
      end,
      source: (values.source as string | undefined) ?? null,
      horizonDays: int('horizon', String(values.horizon), 1, 365),
      signupBetween: values['signup-between'] === true,
    };
  }
  if (job === 'pipeline') {
    const trigger = String(values.trigger);
    if (!(PIPELINE_TRIGGERS as readonly string[]).includes(trigger)) throw new JobUsageError(`--trigger must be one of ${PIPELINE_TRIGGERS.join(', ')}, got "${trigger}"`);
    return { job, project, enqueue, trigger: trigger as PipelineTrigger };
  }
  const shards = int('shards', String(values.shards), 1, 256);
  const shard = int('shard', String(values.shard), 0, 255);
  if (shard >= shards) throw new JobUsageError(`--shard must be less than --shards (${shards}), got ${shard}`);
  const date = (values.date as string | undefined) ?? null;
  if (date !== null && !ISO_DATE.test(date)) throw new JobUsageError(`--date must be a YYYY-MM-DD date, got "${date}"`);
  return { job: 'batch-score', project, enqueue, shard, shards, date, model: (values.model as string | undefined) ?? null };
}
