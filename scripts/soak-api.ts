/**
 * npm run soak:api -- [--minutes 10] [--rate 500] [--promote-every 2] [--port N] [--no-build]
 *
 * The prediction API under a steady open-loop load (one real Telco customer per request, evenly spaced at --rate
 * req/s) for --minutes, while an approver moves the champion alias between two registered versions every
 * --promote-every minutes (issue 8 part 5: promotion swaps without a restart and without a failed request).
 * Same setup as bench:api (scripts/bench-api/setup.ts) with two trained versions. Prints per minute: requests,
 * errors (non-2xx + socket errors/timeouts; goal 0), p50/p99, the versions that answered; per promotion: how long
 * until answers carried the new version and the latency in the 5 s after it; then a summary and, as the last line,
 * one JSON object. Exit code 1 when any request failed.
 */
import { parseArgs } from 'node:util';
import { closedLoop, openLoop, stopClosedLoop, type Completion, type Target } from './bench-api/load';
import { log, onInterrupt, SECOND_PARAMS, SEED_PARAMS, startBenchServer } from './bench-api/setup';
import { LatencyLog, r2, summarize, table } from './bench-api/stats';
import { singleBodies } from './bench-api/telco';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    'promote-every': { type: 'string', default: '2' },
    port: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const PROMOTE_EVERY = Number(args['promote-every']);
for (const [k, v] of [['--minutes', MINUTES], ['--rate', RATE], ['--promote-every', PROMOTE_EVERY]] as const) {
  if (!(v > 0)) throw new Error(`${k} must be a positive number, got "${v}"`);
}
const WINDOW_MS = 5_000;

interface Minute {
  requests: number;
  ok: number;
  non2xx: number;
  socketErrors: number;
  latency: LatencyLog;
  versions: Map<number, number>;
  problems: Map<string, number>;
}

interface Promotion {
  /** ms since the load started, when the alias move committed */
  atMs: number;
  from: number;
  to: number;
  /** first answer carrying `to` (ms since the load started) */
  firstNewMs: number | null;
  /** answers carrying `from` that arrived more than 100 ms after the first `to` answer */
  staleAfterSwitch: number;
  window: LatencyLog;
}

const server = await startBenchServer({ params: [SEED_PARAMS, SECOND_PARAMS], port: args.port ? Number(args.port) : undefined, noBuild: args['no-build'] }).catch((e: unknown) => {
  console.error(`[soak-api] setup failed: ${e instanceof Error ? e.message : String(e)}`);
  return process.exit(1);
});
onInterrupt(async () => stopClosedLoop());
const abort = new AbortController();
onInterrupt(async () => abort.abort());
let exitCode = 0;
try {
  const target: Target = {
    baseUrl: server.baseUrl,
    path: `/api/v1/predict?model=${server.modelName}&alias=champion`,
    headers: { authorization: server.authorization, 'content-type': 'application/json' },
    bodies: singleBodies(server.records, 500),
  };
  log('warming up (16 connections, 3 s)');
  await closedLoop(target, 16, 3);
  await server.idle();

  const minutes: Minute[] = Array.from({ length: Math.ceil(MINUTES) }, () => ({ requests: 0, ok: 0, non2xx: 0, socketErrors: 0, latency: new LatencyLog(), versions: new Map(), problems: new Map() }));
  const promotions: Promotion[] = [];
  const all = new LatencyLog();
  /** second of the run → slowest 2xx answer that arrived in it (ms) */
  const worstBySecond = new Map<number, number>();
  let t0 = 0;
  let champion = server.versions[0];
  const [vA, vB] = server.versions;
  const rss0 = server.serverRssMb();
  const cpu0 = server.serverCpuSeconds();

  const onComplete = (c: Completion) => {
    const m = minutes[Math.min(minutes.length - 1, Math.floor(c.dueMs / 60_000))];
    m.requests++;
    let version = 0;
    if (c.status >= 200 && c.status < 300) {
      m.ok++;
      m.latency.add(c.latencyMs);
      all.add(c.latencyMs);
      try {
        version = (JSON.parse(c.body ?? '') as { model: { version: number } }).model.version;
      } catch {
        m.problems.set('unparseable 2xx body', (m.problems.get('unparseable 2xx body') ?? 0) + 1);
      }
      m.versions.set(version, (m.versions.get(version) ?? 0) + 1);
    } else {
      const what = c.status ? `HTTP ${c.status}: ${(c.body ?? '').slice(0, 160)}` : `socket: ${c.error}`;
      if (c.status) m.non2xx++;
      else m.socketErrors++;
      m.problems.set(what, (m.problems.get(what) ?? 0) + 1);
    }
    const sec = Math.floor(c.doneMs / 1000);
    if (c.status >= 200 && c.status < 300) worstBySecond.set(sec, Math.max(worstBySecond.get(sec) ?? 0, c.latencyMs));
    // the latest promotion before this answer
    const p = promotions.findLast((x) => x.atMs <= c.doneMs);
    if (!p) return;
    if (c.doneMs <= p.atMs + WINDOW_MS && c.status >= 200 && c.status < 300) p.window.add(c.latencyMs);
    if (version === p.to && p.firstNewMs === null) p.firstNewMs = c.doneMs;
    if (version === p.from && p.firstNewMs !== null && c.doneMs > p.firstNewMs + 100) p.staleAfterSwitch++;
  };

  const printMinute = (i: number) => {
    const m = minutes[i];
    const s = summarize(m.latency.values());
    const versions = [...m.versions.entries()].sort((a, b) => a[0] - b[0]).map(([v, n]) => `v${v}×${n}`).join(' ');
    log(`minute ${i + 1}: ${m.requests} requests, ${m.non2xx + m.socketErrors} errors, p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(1)} ms, versions ${versions}`);
    for (const [what, n] of m.problems) console.error(`   !!! ${n} × ${what}`);
  };

  const timers: NodeJS.Timeout[] = [];
  const totalS = MINUTES * 60;
  log(`soak: ${RATE} req/s offered for ${MINUTES} min, champion alternating v${vA} ↔ v${vB} every ${PROMOTE_EVERY} min`);
  const result = await openLoop(target, {
    rate: RATE,
    seconds: totalS,
    keepBodies: true,
    onComplete,
    signal: abort.signal,
    onStart: () => {
      t0 = performance.now();
      for (let k = 1; k * PROMOTE_EVERY * 60 < totalS; k++) {
        timers.push(
          setTimeout(() => {
            const from = champion;
            const to = champion === vA ? vB : vA;
            champion = to;
            server
              .promote(to, `soak-api: promotion ${k}`)
              .then(() => {
                promotions.push({ atMs: performance.now() - t0, from, to, firstNewMs: null, staleAfterSwitch: 0, window: new LatencyLog() });
                log(`promoted v${to} to champion at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
              })
              .catch((e: unknown) => log(`!!! promotion to v${to} failed: ${String(e)}`));
          }, k * PROMOTE_EVERY * 60_000),
        );
      }
      for (let i = 0; i < minutes.length; i++) timers.push(setTimeout(() => printMinute(i), Math.min(totalS, (i + 1) * 60) * 1000 + 1_500));
    },
  });
  for (const t of timers) clearTimeout(t);
  const rss1 = server.serverRssMb();
  const cpu = server.serverCpuSeconds() - cpu0;

  // ---- summary ----
  const overall = summarize(all.values());
  const perMinute = minutes.map((m, i) => {
    const s = summarize(m.latency.values());
    return { minute: i + 1, requests: m.requests, errors: m.non2xx + m.socketErrors, non2xx: m.non2xx, socket_errors: m.socketErrors, p50_ms: r2(s.p50), p99_ms: r2(s.p99), max_ms: r2(s.max), versions: Object.fromEntries([...m.versions.entries()].map(([v, n]) => [`v${v}`, n])) };
  });
  const promos = promotions.map((p) => {
    const w = summarize(p.window.values());
    return { at_s: r2(p.atMs / 1000), from: p.from, to: p.to, visible_after_ms: p.firstNewMs === null ? null : r2(p.firstNewMs - p.atMs), stale_answers_after_switch: p.staleAfterSwitch, p99_ms_5s_after: r2(w.p99), max_ms_5s_after: r2(w.max) };
  });
  const errors = perMinute.reduce((a, m) => a + m.errors, 0);
  console.log(`\nSoak: ${RATE} req/s offered for ${MINUTES} min, one Telco customer per request, champion v${vA} ↔ v${vB} every ${PROMOTE_EVERY} min\n`);
  console.log(
    table(
      ['minute', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'versions seen'],
      perMinute.map((m) => [String(m.minute), m.requests, m.errors, m.p50_ms, m.p99_ms, m.max_ms, Object.entries(m.versions).map(([v, n]) => `${v}×${n}`).join(' ')]),
    ),
  );
  if (promos.length) {
    console.log('\nPromotions (latency of answers in the 5 s after each):\n');
    console.log(table(['at s', 'champion', 'new version answering after ms', 'old answers after switch', 'p99 ms', 'max ms'], promos.map((p) => [p.at_s, `v${p.from} → v${p.to}`, p.visible_after_ms ?? 'never', p.stale_answers_after_switch, p.p99_ms_5s_after, p.max_ms_5s_after])));
  }
  const problems = new Map<string, number>();
  for (const m of minutes) for (const [what, n] of m.problems) problems.set(what, (problems.get(what) ?? 0) + n);
  if (problems.size) console.log(`\nFAILED requests:\n${[...problems].map(([what, n]) => `  - ${n} × ${what}`).join('\n')}`);
  if (result.non2xx) console.log(`last server lines:\n${server.serverTail().slice(-15).join('\n')}`);
  const worstPromoP99 = promos.reduce((a, p) => Math.max(a, p.p99_ms_5s_after), 0);
  const slowest = [...worstBySecond.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([sec, ms]) => ({ second: sec, max_ms: r2(ms) }));
  const nearPromotion = (sec: number) => promotions.some((p) => sec * 1000 >= p.atMs - 1000 && sec * 1000 <= p.atMs + WINDOW_MS);
  console.log(`\nslowest seconds of the run: ${slowest.map((x) => `${x.second} s: ${x.max_ms.toFixed(0)} ms${nearPromotion(x.second) ? ' (promotion)' : ''}`).join(', ')}`);
  console.log(
    `\ntotal: ${result.sent} requests, ${errors} errors, achieved ${result.achievedRate.toFixed(1)} req/s, p50 ${overall.p50.toFixed(2)} ms, p99 ${overall.p99.toFixed(2)} ms, max ${overall.max.toFixed(1)} ms; server CPU ${((cpu * 1000) / Math.max(1, result.ok)).toFixed(2)} ms/req, RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MB; generator lag p99 ${result.lagP99.toFixed(2)} ms\n`,
  );
  const out = {
    minutes: MINUTES,
    offered_rps: RATE,
    promote_every_min: PROMOTE_EVERY,
    requests: result.sent,
    ok: result.ok,
    errors,
    non2xx: result.non2xx,
    socket_errors: result.errors,
    achieved_rps: r2(result.achievedRate),
    p50_ms: r2(overall.p50),
    p95_ms: r2(overall.p95),
    p99_ms: r2(overall.p99),
    max_ms: r2(overall.max),
    server_cpu_ms_per_req: r2((cpu * 1000) / Math.max(1, result.ok)),
    server_rss_mb_start: r2(rss0),
    server_rss_mb_end: r2(rss1),
    generator_lag_p99_ms: r2(result.lagP99),
    server_aborted_logs: server.abortedLogs(),
    per_minute: perMinute,
    promotions: promos,
    slowest_seconds: slowest,
    promotion_5s_p99_vs_overall_ratio: overall.p99 ? r2(worstPromoP99 / overall.p99) : null,
    every_promotion_visible: promos.every((p) => p.visible_after_ms !== null),
    goal_zero_errors_met: errors === 0,
  };
  if (errors || !out.every_promotion_visible || abort.signal.aborted) exitCode = 1;
  console.log(JSON.stringify(out));
} catch (e) {
  console.error(`[soak-api] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  exitCode = 1;
} finally {
  await server.stop();
}
process.exit(exitCode);
