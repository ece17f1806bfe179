/**
 * The product under test for `bench:api` and `soak:api`, from nothing:
 *   1. a fresh embedded PostgreSQL and DATA_DIR in a temporary directory, migrated;
 *   2. in this process (the same lib/server code the web app and workers run): a scientist and an approver, a
 *      project, the Telco CSV uploaded and committed, GBDT runs trained with the train job, registered as versions
 *      of one model, version 1 promoted to champion by the approver, and an API key with the `predict` scope;
 *   3. the web app as `npm start` runs it (`next build` when missing or stale, then `next start` in production
 *      mode; no worker), from a private copy of the build, with BENCH_MODE=1 (the echo baseline route) and the
 *      per-key rate limit out of the way.
 * `stop()` (also run on Ctrl-C / SIGTERM) stops the server, the database and removes the temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/server/db/embedded-postgres';
import { privateBuild } from './private-build';
import { cpuSeconds, processTree, rssMb } from './proc';
import { loadTelcoRecords, TELCO_CSV, type RawRecord } from './telco';

/** The seed's GBDT parameters (issue 8: the Telco champion). */
export const SEED_PARAMS = { max_depth: 10, learning_rate: 0.1, max_iter: 200, min_samples_leaf: 50, l2_regularization: 0.1, random_state: 42, early_stopping: false };
/** A second version for the soak's alternating promotions: same family, a different model. */
export const SECOND_PARAMS = { ...SEED_PARAMS, max_depth: 6, learning_rate: 0.08 };

export const MODEL_NAME = 'churn-bench';

export interface BenchServerOptions {
  port?: number;
  /** parameter sets to train and register, in version order (version 1 becomes champion) */
  params: Record<string, unknown>[];
  /** skip `next build` even when the build is missing or stale (BENCH_API_NO_BUILD=1 too) */
  noBuild?: boolean;
}

export interface BenchServer {
  baseUrl: string;
  /** `Bearer …` value of an API key with the predict scope */
  authorization: string;
  modelName: string;
  versions: number[];
  records: RawRecord[];
  /** the approver moves the champion alias (the server sees it within SERVING_REFRESH_SECONDS) */
  promote(version: number, reason: string): Promise<void>;
  /** last lines the server printed (for evidence when something fails) */
  serverTail(): string[];
  /** how many `Error: aborted` (client gone mid-request) the server logged */
  abortedLogs(): number;
  /** CPU seconds (user + system) the `next start` process (and its children) used so far (NaN when unknown) */
  serverCpuSeconds(): number;
  /** resident memory of the `next start` process (and its children), MB (NaN when unknown) */
  serverRssMb(): number;
  /** waits until the server has worked off what earlier load left queued (its CPU use drops below 15 %) */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export const log = (msg: string): void => console.error(`[bench-api] ${msg}`);

// ---- shutdown on Ctrl-C / SIGTERM ---------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
let signalled = 0;
/** Runs `fn` (last registered first) when the process is interrupted; a second signal exits at once. */
export function onInterrupt(fn: () => Promise<void>): void {
  cleanups.push(fn);
  if (cleanups.length > 1) return;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (++signalled > 1) process.exit(130);
      log(`${sig}: stopping…`);
      void (async () => {
        for (const c of cleanups.slice().reverse()) await c().catch((e: unknown) => log(`cleanup: ${String(e)}`));
        process.exit(130);
      })();
    });
  }
}

export function interrupted(): boolean {
  return signalled > 0;
}

// ---- setup --------------------------------------------------------------------------------------------------

export async function startBenchServer(opts: BenchServerOptions): Promise<BenchServer> {
  if (!existsSync(TELCO_CSV)) throw new Error(`Telco CSV not found at ${TELCO_CSV} (set TELCO_CSV)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-bench-api-'));
  // If this process dies without cleaning up (SIGKILL), a detached watchdog stops the server and the database.
  spawn(process.execPath, [path.resolve('scripts/bench-api/reaper.mjs'), String(process.pid), dir], { detached: true, stdio: 'ignore' }).unref();
  let embedded: EmbeddedDatabase | null = null;
  let child: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;
  const tail: string[] = [];
  let abortedLogs = 0;

  // Memoized: Ctrl-C and the main flow's `finally` both wait for the same shutdown.
  const stop = () => (stopping ??= stopAll());
  const stopAll = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const c = child;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => c.kill('SIGKILL'), 20_000);
        c.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        c.kill('SIGTERM');
      });
    }
    try {
      const { stopBoss } = await import('@/lib/server/jobs/boss');
      await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
      const { db } = await import('@/lib/server/db/client');
      await db().$disconnect();
    } catch {
      /* never connected */
    }
    await embedded?.stop().catch((e: unknown) => log(`stopping PostgreSQL: ${String(e)}`));
    await rm(dir, { recursive: true, force: true });
  };
  onInterrupt(stop);

  try {
    log(`temporary data directory ${dir}`);
    embedded = await startEmbeddedPostgres({ dataDir: dir, database: 'bench_api', log });
    const authSecret = randomBytes(32).toString('base64url');
    Object.assign(process.env, { DATABASE_URL: embedded.url, DATA_DIR: dir, AUTH_SECRET: authSecret, DEMO_MODE: '0', NEXT_TELEMETRY_DISABLED: '1' });
    const { applyMigrations } = await import('@/lib/server/db/schema-engine');
    await applyMigrations(embedded.url);

    const t0 = performance.now();
    const { createUser } = await import('@/lib/server/users/users');
    const { createProject } = await import('@/lib/server/projects/projects');
    const sci = { id: (await createUser({ email: 'bench-scientist@churnlab.local', password: randomBytes(12).toString('base64url'), role: 'scientist' })).id, role: 'scientist' };
    const approver = { id: (await createUser({ email: 'bench-approver@churnlab.local', password: randomBytes(12).toString('base64url'), role: 'approver' })).id, role: 'approver' };
    const p = await createProject(sci.id, { name: 'API benchmark' });
    const project = { id: p.id, slug: p.slug };

    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const upload = new Request('http://localhost/upload', { method: 'POST', body: await readFile(TELCO_CSV), duplex: 'half' } as RequestInit);
    const draft = await receiveUpload(project.id, sci.id, path.basename(TELCO_CSV), upload);
    const snapshotId = (await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' })).snapshot.id;

    const { trainJob } = await import('@/lib/server/training/train-job');
    const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
    const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
    const versions: number[] = [];
    for (const params of opts.params) {
      const t = performance.now();
      const job = await enqueueJob(trainJob, { projectId: project.id, snapshotId, family: 'gbdt', params }, { projectId: project.id, createdById: sci.id });
      const res = (await runJob(trainJob, job.id, { workerId: 'bench-api', log: () => {} })) as { runId: string };
      const v = await registerRun(sci, project, { runId: res.runId, modelName: MODEL_NAME, note: `bench-api ${JSON.stringify(params)}` });
      versions.push(v.version);
      log(`trained and registered ${MODEL_NAME} v${v.version} (${((performance.now() - t) / 1000).toFixed(1)} s, threshold ${v.threshold.toFixed(3)})`);
    }
    const { stopBoss } = await import('@/lib/server/jobs/boss');
    await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
    await setAlias(approver, MODEL_NAME, { alias: 'champion', version: versions[0], reason: 'bench-api: initial champion' });
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(sci.id, { name: 'bench-api', scopes: ['predict'] });
    log(`setup done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const port = opts.port ?? (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const webDir = await privateBuild(dir, opts.noBuild || process.env.BENCH_API_NO_BUILD === '1', log);
    log(`starting the web app (next start, a private copy of .next) on ${baseUrl}`);
    const c = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []), path.resolve('node_modules/next/dist/bin/next'), 'start', webDir, '-H', '127.0.0.1', '-p', String(port)], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_URL: baseUrl,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: authSecret,
        BENCH_MODE: '1',
        API_RATE_LIMIT_RPS: '1000000000',
        API_RATE_LIMIT_BURST: '1000000000',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    await writeFile(path.join(dir, 'server.pid'), String(c.pid));
    // Next logs each request whose client went away mid-body as a 4-line `Error: aborted … ECONNRESET`: counted, not echoed.
    let inAborted = false;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (line === 'Error: aborted') {
          abortedLogs++;
          inAborted = true;
          continue;
        }
        if (inAborted) {
          if (line === '}') inAborted = false;
          continue;
        }
        tail.push(line);
        if (tail.length > 200) tail.shift();
        console.error(`[server] ${line}`);
      }
    };
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    const exited = new Promise<never>((_, reject) => c.once('exit', (code, sig) => reject(new Error(`the web app exited (${code ?? sig}) before it was ready`))));
    exited.catch(() => {});
    await Promise.race([waitReady(baseUrl, 15 * 60_000), exited]);

    const authorization = `Bearer ${key}`;
    const champion = await fetch(`${baseUrl}/api/v1/models/champion`, { headers: { authorization } });
    if (!champion.ok) throw new Error(`GET /api/v1/models/champion → ${champion.status}: ${await champion.text()}`);
    const info = (await champion.json()) as { model?: string; version?: { version?: number } };
    log(`server ready; champion ${info.model} v${info.version?.version}`);

    return {
      baseUrl,
      authorization,
      modelName: MODEL_NAME,
      versions,
      records: loadTelcoRecords(),
      promote: (version, reason) => setAlias(approver, MODEL_NAME, { alias: 'champion', version, reason }),
      serverTail: () => tail.slice(),
      abortedLogs: () => abortedLogs,
      serverCpuSeconds: () => processTree(c.pid ?? 0, cpuSeconds),
      serverRssMb: () => processTree(c.pid ?? 0, rssMb),
      idle: (timeoutMs = 120_000) => waitIdle(() => processTree(c.pid ?? 0, cpuSeconds), timeoutMs),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function waitIdle(cpu: () => number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  let prev = cpu();
  if (Number.isNaN(prev)) return new Promise((r) => setTimeout(r, 2000));
  while (quiet < 2 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpu();
    quiet = (now - prev) / 0.3 < 0.15 ? quiet + 1 : 0;
    prev = now;
  }
  if (quiet < 2) log(`warning: the server was still busy ${timeoutMs / 1000} s after the last run`);
}

async function waitReady(baseUrl: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (interrupted()) throw new Error('interrupted');
    try {
      const r = await fetch(`${baseUrl}/api/ready`, { signal: AbortSignal.timeout(5000) });
      if (r.ok) return;
      last = `${r.status} ${(await r.text()).slice(0, 200)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the web app was not ready within ${timeoutMs / 1000} s (last: ${last})`);
}

/** Checks one request answers 2xx with the expected shape before load is put on it. */
export async function checkOnce(baseUrl: string, pathname: string, headers: Record<string, string>, body: string, expect: (json: unknown) => string | null): Promise<void> {
  const r = await fetch(`${baseUrl}${pathname}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  const text = await r.text();
  if (!r.ok) throw new Error(`POST ${pathname} → ${r.status}: ${text.slice(0, 500)}`);
  const problem = expect(JSON.parse(text));
  if (problem) throw new Error(`POST ${pathname}: ${problem}: ${text.slice(0, 300)}`);
}
