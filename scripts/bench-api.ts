/**
 * npm run bench:api -- [--quick] [--duration S] [--port N] [--no-build]
 *
 * The prediction API against `next start` on 127.0.0.1 with a Telco champion (seed GBDT params), all in one run
 * (issue 8 part 5). Setup: scripts/bench-api/setup.ts (fresh embedded PostgreSQL in a temporary directory).
 *   - closed loop (autocannon) at 1, 16 and 64 connections: the echo baseline (POST /api/bench/echo, BENCH_MODE=1,
 *     the same single-customer bodies; a Next API route like the scoring route), the same echo as an App Router
 *     route handler (/api/bench/echo-app: what that form would cost), predict one customer, and predict a batch of
 *     100; each predict also with `reasons=false` (what the TreeSHAP reasons cost);
 *   - open loop at 200 and 500 req/s offered (evenly spaced requests), one customer;
 *   - the FastAPI anchor: run now when its Python stack is present, else its recorded numbers.
 * Real Telco rows are the bodies. Every answer must be 2xx: any error or non-2xx is printed and the exit code is 1.
 * CPU per answered request is measured for the server and for this process (the load generator), and with them the
 * machine's CPU ceiling for predict: the req/s at which both would keep every CPU busy.
 * Prints a table and, as the last line, one JSON object (ratio keys end in `ratio`). Progress goes to stderr.
 *   env: TELCO_CSV, ANCHORS_DIR, BENCH_API_NO_BUILD=1 (same as --no-build), BENCH_SERVER_NODE_ARGS (extra node flags for
 *   the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), SERVING_THREADS (the server's scoring threads)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { freePort } from '@/lib/server/db/embedded-postgres';
import { defaultScoringThreads } from '@/lib/server/serving/scoring-pool';
import { loadAnchor } from './bench-api/anchor';
import { closedLoop, openLoop, stopClosedLoop, type Target } from './bench-api/load';
import { checkOnce, log, onInterrupt, SEED_PARAMS, startBenchServer } from './bench-api/setup';
import { r2, summarize, table, type LatencySummary } from './bench-api/stats';
import { batchBodies, singleBodies } from './bench-api/telco';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    port: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const QUICK = args.quick;
const DURATION = Number(args.duration ?? (QUICK ? 3 : 10));
const WARMUP = QUICK ? 1 : 2;
const MAX_RUN = QUICK ? 10 : 60;
const CONNECTIONS = [1, 16, 64];
const RATES = [200, 500];
if (!(DURATION > 0)) throw new Error(`--duration must be a positive number of seconds, got "${args.duration}"`);

interface Row {
  kind: 'closed' | 'open';
  name: string;
  /** connections (closed) or offered req/s (open) */
  level: number;
  rps: number;
  lat: LatencySummary;
  /** socket errors and timeouts */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** server CPU ms per answered request */
  cpuMsPerReq: number;
  /** CPU ms per answered request of this process, i.e. of the load generator */
  genCpuMsPerReq: number;
  lagP99?: number;
}

/** CPU ms of a `process.cpuUsage()` delta. */
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

const loadBefore = os.loadavg();
const server = await startBenchServer({ params: [SEED_PARAMS], port: args.port ? Number(args.port) : undefined, noBuild: args['no-build'] }).catch((e: unknown) => {
  console.error(`[bench-api] setup failed: ${e instanceof Error ? e.message : String(e)}`);
  return process.exit(1);
});
onInterrupt(async () => stopClosedLoop());
const rows: Row[] = [];
const failures: string[] = [];
let exitCode = 0;
try {
  const single = singleBodies(server.records, 200);
  const batches = batchBodies(server.records, 100, 20);
  const auth = { authorization: server.authorization, 'content-type': 'application/json' };
  const predictPath = `/api/v1/predict?model=${server.modelName}&alias=champion`;
  const targets: Record<string, Target> = {
    echo: { baseUrl: server.baseUrl, path: '/api/bench/echo', headers: auth, bodies: single },
    echo_app: { baseUrl: server.baseUrl, path: '/api/bench/echo-app', headers: auth, bodies: single },
    predict_1: { baseUrl: server.baseUrl, path: predictPath, headers: auth, bodies: single },
    predict_1_noreasons: { baseUrl: server.baseUrl, path: `${predictPath}&reasons=false`, headers: auth, bodies: single },
    predict_batch100: { baseUrl: server.baseUrl, path: predictPath, headers: auth, bodies: batches },
    predict_batch100_noreasons: { baseUrl: server.baseUrl, path: `${predictPath}&reasons=false`, headers: auth, bodies: batches },
  };
  // Every route at every level; batches of 100 at 64 connections are 6,400 customers in flight.
  const levels: Record<string, number[]> = { echo: CONNECTIONS, echo_app: CONNECTIONS, predict_1: CONNECTIONS, predict_1_noreasons: CONNECTIONS, predict_batch100: CONNECTIONS, predict_batch100_noreasons: CONNECTIONS };
  const predictions = (n: number) => (j: unknown) => {
    const p = (j as { predictions?: unknown[]; model?: { version?: number } }).predictions;
    return Array.isArray(p) && p.length === n ? null : `expected ${n} predictions`;
  };
  for (const path of ['/api/bench/echo', '/api/bench/echo-app']) await checkOnce(server.baseUrl, path, auth, single[0], (j) => (JSON.stringify(j) === single[0] ? null : 'echo differs from the body'));
  await checkOnce(server.baseUrl, predictPath, auth, single[0], predictions(1));
  await checkOnce(server.baseUrl, predictPath, auth, batches[0], predictions(100));
  const bodyBytes = (b: string[]) => Math.round(b.reduce((a, x) => a + Buffer.byteLength(x), 0) / b.length);
  log(`bodies: one customer ~${bodyBytes(single)} B (${single.length} distinct), batch of 100 ~${bodyBytes(batches)} B (${batches.length} distinct)`);

  const record = (row: Row) => {
    rows.push(row);
    const where = `${row.name} ${row.kind === 'closed' ? `${row.level} conn` : `${row.level} req/s`}`;
    log(`${where}: ${row.rps.toFixed(0)} req/s, p50 ${row.lat.p50.toFixed(2)} ms, p99 ${row.lat.p99.toFixed(2)} ms, errors ${row.errors} (timeouts ${row.timeouts}), non-2xx ${row.non2xx}`);
    if (row.errors || row.non2xx) {
      const msg = `${where}: ${row.errors} socket errors (${row.timeouts} of them timeouts: no answer within 10 s) and ${row.non2xx} non-2xx answers (answers by status: ${JSON.stringify(row.statusCodes)})`;
      failures.push(msg);
      console.error(`\n!!! FAILED: ${msg}${row.non2xx ? `\n!!! last server lines:\n${server.serverTail().slice(-20).join('\n')}` : ''}\n`);
    }
  };

  // Open loop first: one customer at fixed offered rates; the echo baseline at the lowest rate (the framework's own
  // tail). Before the closed loop's batches at 64 connections, whose heap the server's GC would still be working off.
  const openRuns: [string, number][] = [['echo', RATES[0]], ...RATES.map((rate): [string, number] => ['predict_1', rate])];
  for (const [name, rate] of openRuns) {
    await server.idle();
    await closedLoop(targets[name], 16, WARMUP);
    await server.idle();
    const cpu0 = server.serverCpuSeconds();
    const gen0 = process.cpuUsage();
    const r = await openLoop(targets[name], { rate, seconds: DURATION });
    const cpu = server.serverCpuSeconds() - cpu0;
    const gen = cpuMs(process.cpuUsage(gen0));
    record({ kind: 'open', name, level: rate, rps: r.achievedRate, lat: summarize(r.latency), errors: r.errors, timeouts: r.errorKinds.TIMEOUT ?? 0, non2xx: r.non2xx, statusCodes: { ...r.statusCodes, ...r.errorKinds }, cpuMsPerReq: r.ok ? (cpu * 1000) / r.ok : Number.NaN, genCpuMsPerReq: r.ok ? gen / r.ok : Number.NaN, lagP99: r.lagP99 });
  }
  // Closed loop: at each level, the routes back to back (so echo and predict see the same machine state).
  // A run lasts long enough for ~5 answers per connection (estimated from the same route at 1 connection: the
  // server is one Node process, so c connections wait ~c times as long), between DURATION and MAX_RUN seconds.
  // Before each run the server works off what the previous one left in flight.
  const oneConnS = new Map<string, number>();
  for (const c of CONNECTIONS) {
    for (const name of Object.keys(targets)) {
      if (!levels[name].includes(c)) continue;
      await server.idle();
      await closedLoop(targets[name], c, WARMUP);
      const seconds = Math.min(MAX_RUN, Math.max(DURATION, Math.ceil(5 * c * (oneConnS.get(name) ?? 0))));
      const cpu0 = server.serverCpuSeconds();
      const gen0 = process.cpuUsage();
      const r = await closedLoop(targets[name], c, seconds);
      const cpu = server.serverCpuSeconds() - cpu0;
      const gen = cpuMs(process.cpuUsage(gen0));
      const lat = summarize(r.latency);
      if (c === 1) oneConnS.set(name, lat.p50 / 1000);
      if (lat.count < c) log(`${name} ${c} conn: only ${lat.count} answers in ${seconds} s (too slow for this run length): no latency figures`);
      record({ kind: 'closed', name, level: c, rps: r.ok / r.seconds, lat, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statusCodes: r.statusCodes, cpuMsPerReq: r.ok ? (cpu * 1000) / r.ok : Number.NaN, genCpuMsPerReq: r.ok ? gen / r.ok : Number.NaN });
    }
  }
  const loadAfter = os.loadavg();

  const anchor = loadAnchor({ durationS: QUICK ? 5 : 15, port: await freePort(), skipRun: QUICK });
  const a16 = anchor.runs[16];

  // ---- table ----
  const find = (name: string, level: number, kind: Row['kind'] = 'closed') => rows.find((r) => r.name === name && r.level === level && r.kind === kind);
  console.log(`\nPrediction API benchmark (next start on 127.0.0.1, Telco champion: seed GBDT, 200 trees; ${os.cpus().length} CPUs shared; ${DURATION} s per run${QUICK ? ', --quick' : ''})\n`);
  console.log(
    table(
      ['route', 'load', 'answers', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server CPU ms/req', 'load gen CPU ms/req', 'socket errors', 'of which timeouts', 'non-2xx'],
      [
        ...[...rows.filter((r) => r.kind === 'closed'), ...rows.filter((r) => r.kind === 'open')].map((r) => [r.name, r.kind === 'closed' ? `${r.level} conn` : `${r.level} req/s offered`, r.lat.count, r.rps, r.lat.p50, r.lat.p95, r.lat.p99, r.lat.max, r.cpuMsPerReq, r.genCpuMsPerReq, r.errors, r.timeouts, r.non2xx]),
        ...Object.values(anchor.runs).map((a) => [`FastAPI anchor (${anchor.source})`, `${a.connections} conn`, '', a.rps, a.p50_ms, a.p95_ms, a.p99_ms, '', '', '', '', '', '']),
      ],
    ),
  );
  console.log(`\nanchor: ${anchor.detail}`);
  const open = rows.filter((r) => r.kind === 'open');
  console.log(`open loop: requests evenly spaced, latency from send to last byte; generator lag p99 ${open.map((r) => `${r.lagP99!.toFixed(2)} ms @${r.level}`).join(', ')}`);
  console.log(`server log: ${server.abortedLogs()} × "Error: aborted" (ECONNRESET: a client closed its connection mid-request, e.g. at the end of a run or on a timeout)`);
  console.log(`load average before/after: ${loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);

  // ---- figures ----
  const out: Record<string, unknown> = { quick: QUICK, duration_s: DURATION, cpus: os.cpus().length, serving_threads: process.env.SERVING_THREADS ? Number(process.env.SERVING_THREADS) : defaultScoringThreads(), node: process.version, loadavg_before: loadBefore.map(r2), loadavg_after: loadAfter.map(r2), server_aborted_logs: server.abortedLogs() };
  for (const r of rows) {
    const k = r.kind === 'closed' ? `${r.name}_${r.level}c` : `${r.name}_open_${r.level}rps`;
    Object.assign(out, {
      [`${k}_answers`]: r.lat.count,
      [`${k}_rps`]: r2(r.rps),
      [`${k}_p50_ms`]: r2(r.lat.p50),
      [`${k}_p95_ms`]: r2(r.lat.p95),
      [`${k}_p99_ms`]: r2(r.lat.p99),
      [`${k}_max_ms`]: r2(r.lat.max),
      [`${k}_server_cpu_ms_per_req`]: r2(r.cpuMsPerReq),
      [`${k}_loadgen_cpu_ms_per_req`]: r2(r.genCpuMsPerReq),
      [`${k}_errors`]: r.errors + r.non2xx,
      [`${k}_timeouts`]: r.timeouts,
    });
  }
  const echo16 = find('echo', 16)!;
  const echoApp16 = find('echo_app', 16)!;
  const pred16 = find('predict_1', 16)!;
  const batch1 = find('predict_batch100', 1)!;
  const at200 = find('predict_1', 200, 'open')!;
  const at500 = find('predict_1', 500, 'open')!;
  // What this machine's CPUs allow at most: every CPU busy with nothing but the server and the load generator, each
  // request costing what it cost at 16 connections.
  const ceiling16 = (os.cpus().length * 1000) / (pred16.cpuMsPerReq + pred16.genCpuMsPerReq);
  const figures = {
    anchor_source: anchor.source,
    anchor_16c_rps: a16?.rps ?? null,
    anchor_16c_p95_ms: a16 ? r2(a16.p95_ms) : null,
    anchor_16c_p99_ms: a16 ? r2(a16.p99_ms) : null,
    predict_vs_echo_16c_ratio: r2(pred16.rps / echo16.rps),
    predict_vs_echo_16c_server_cpu_ratio: r2(pred16.cpuMsPerReq / echo16.cpuMsPerReq),
    predict_vs_echo_app_16c_ratio: r2(pred16.rps / echoApp16.rps),
    echo_vs_echo_app_16c_server_cpu_ratio: r2(echo16.cpuMsPerReq / echoApp16.cpuMsPerReq),
    predict_vs_anchor_16c_ratio: a16 ? r2(pred16.rps / a16.rps) : null,
    predict_16c_cpu_ceiling_rps: r2(ceiling16),
    predict_16c_cpu_ceiling_vs_anchor_ratio: a16 ? r2(ceiling16 / a16.rps) : null,
    predict_p99_vs_anchor_16c_ratio: a16 ? r2(pred16.lat.p99 / a16.p99_ms) : null,
    p99_ms_at_200rps: r2(at200.lat.p99),
    achieved_rps_at_200rps: r2(at200.rps),
    echo_p99_ms_at_200rps: r2(find('echo', 200, 'open')!.lat.p99),
    p99_ms_at_500rps: r2(at500.lat.p99),
    achieved_rps_at_500rps: r2(at500.rps),
    batch100_p99_ms: r2(batch1.lat.p99),
    batch100_noreasons_p99_ms: r2(find('predict_batch100_noreasons', 1)!.lat.p99),
    predict_noreasons_vs_echo_16c_ratio: r2(find('predict_1_noreasons', 16)!.rps / echo16.rps),
    batch100_16c_p99_ms: r2(find('predict_batch100', 16)!.lat.p99),
    batch100_16c_customers_per_s: r2(find('predict_batch100', 16)!.rps * 100),
    batch100_64c_p99_ms: r2(find('predict_batch100', 64)!.lat.p99),
    batch100_64c_customers_per_s: r2(find('predict_batch100', 64)!.rps * 100),
  };
  const goals = {
    goal_predict_vs_echo_16c_met: figures.predict_vs_echo_16c_ratio >= 0.8,
    goal_predict_vs_anchor_16c_met: figures.predict_vs_anchor_16c_ratio !== null && figures.predict_vs_anchor_16c_ratio >= 5,
    goal_p99_at_200rps_met: figures.p99_ms_at_200rps <= 10,
    goal_batch100_p99_met: figures.batch100_p99_ms <= 30,
    goal_zero_errors_met: failures.length === 0,
  };
  console.log(
    `\nCPU ceiling of predict at 16 conn: ${os.cpus().length} CPUs / (${r2(pred16.cpuMsPerReq)} ms server + ${r2(pred16.genCpuMsPerReq)} ms load generator per request) = ${Math.round(ceiling16)} req/s at most` +
      (a16 ? ` (${figures.predict_16c_cpu_ceiling_vs_anchor_ratio}× the anchor), measured ${Math.round(pred16.rps)}` : ''),
  );
  console.log('\nGoals (issue 8):');
  console.log(
    table(
      ['goal', 'target', 'measured', 'met'],
      [
        ['predict / echo req/s at 16 conn', '≥ 0.8', figures.predict_vs_echo_16c_ratio, goals.goal_predict_vs_echo_16c_met ? 'yes' : 'NO'],
        ['  (predict / App Router echo req/s at 16 conn)', '', figures.predict_vs_echo_app_16c_ratio, ''],
        [`predict / FastAPI anchor req/s at 16 conn (${anchor.source})`, '≥ 5', figures.predict_vs_anchor_16c_ratio ?? 'n/a', goals.goal_predict_vs_anchor_16c_met ? 'yes' : 'NO'],
        ['p99 at 200 req/s offered, ms', '≤ 10', figures.p99_ms_at_200rps, goals.goal_p99_at_200rps_met ? 'yes' : 'NO'],
        ['  (echo baseline: p99 at 200 req/s offered, ms)', '', figures.echo_p99_ms_at_200rps, ''],
        ['batch of 100, p99 ms (1 conn)', '≤ 30', figures.batch100_p99_ms, goals.goal_batch100_p99_met ? 'yes' : 'NO'],
        ['errors and non-2xx', '0', failures.length, goals.goal_zero_errors_met ? 'yes' : 'NO'],
      ],
    ),
  );
  if (failures.length) {
    console.log(`\nFAILED — answers that were not 2xx:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    exitCode = 1;
  }
  console.log('');
  console.log(JSON.stringify({ ...out, ...figures, ...goals, failures }));
} catch (e) {
  console.error(`[bench-api] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  exitCode = 1;
} finally {
  await server.stop();
}
process.exit(exitCode);
