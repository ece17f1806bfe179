/**
 * Every setting ChurnLab reads from the environment, validated once. A bad or missing value stops start-up with
 * a message naming the variable. README "Configuration" documents each one; keep the two in step.
 */
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .describe('PostgreSQL connection URL'),
  DATA_DIR: z.string().min(1).default('.data'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)'),
  APP_URL: z.url().default('http://127.0.0.1:3000'),
  DEMO_MODE: bool.default(false),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** A running job whose worker has not heart-beaten for this long is requeued for another worker. */
  WORKER_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(20),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(500 * 1024 * 1024),
  /** An upload not committed within this many hours is removed (its file and its draft). */
  UPLOAD_DRAFT_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 365).default(24),
  SNAPSHOT_BROWSER_MAX_ROWS: z.coerce.number().int().min(100).default(200_000),
  /** Recorded in each run's lineage (the deploy sets it; `dev` otherwise). */
  GIT_COMMIT: z.string().max(80).default('dev'),
  /** Prediction API: sustained requests per second per API key (token bucket, per server process) and its burst. */
  API_RATE_LIMIT_RPS: z.coerce.number().min(0.01).default(200),
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(400),
  /**
   * Prediction API admission control, per server process: requests scored at once; beyond that, how many may wait
   * for a slot (in arrival order) and for how long. A request that finds the queue full or waits longer → 503 with
   * Retry-After.
   */
  PREDICT_MAX_INFLIGHT: z.coerce.number().int().min(1).max(100_000).default(64),
  PREDICT_MAX_QUEUED: z.coerce.number().int().min(0).max(1_000_000).default(1024),
  PREDICT_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /** Prediction API: scoring threads per server process (0: score on the event loop); default one per core, at most 4 (0 on one core). */
  SERVING_THREADS: z.coerce.number().int().min(0).max(16).optional(),
  /** Seconds the serving cache trusts its champion/alias table before re-reading it (promotions in the same process apply at once). */
  SERVING_REFRESH_SECONDS: z.coerce.number().min(0.1).max(3600).default(1),
  /** Shared secret of the cron routes (`Authorization: Bearer …`, as Vercel crons send it); unset: the routes answer 503. */
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -base64 24`)').optional(),
  /**
   * Alert webhooks may target loopback, private (RFC 1918), link-local, CGNAT and unique-local addresses (the SSRF
   * guard refuses them otherwise). For tests and on-premises receivers only; default false.
   */
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** Benchmark mode: enables the /api/bench/echo baseline route (never in production use). */
  BENCH_MODE: z.enum(['0', '1']).default('0'),
});

export type Env = z.infer<typeof schema>;

/** Parses an environment; throws an Error listing each bad variable by name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const input: Record<string, string | undefined> = { ...source };
  // next-auth's own name for the secret is accepted too.
  input.AUTH_SECRET ??= source.NEXTAUTH_SECRET;
  input.APP_URL ??= source.NEXTAUTH_URL;
  for (const k of Object.keys(input)) if (input[k] === '') delete input[k];
  const res = schema.safeParse(input);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return res.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
