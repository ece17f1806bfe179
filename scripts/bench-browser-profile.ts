/**
 * Browser profiling benchmark: a seeded 100,000-row × 15-column table (numeric with NaN, categorical strings, a
 * 0/1 target) is encoded as Parquet in Node, then decoded with `parquetToTable` and profiled with `profileTable`
 * inside Chromium (launched with playwright.config.ts's executable and flags; lib/ bundled with esbuild), and the
 * same in Node. Median of 3 timed runs after 1 warm-up. Goal (data-upload issue): browser decode + profile of
 * 100k rows ≤ 1 s.
 *
 *   npx tsx scripts/bench-browser-profile.ts [rows]
 *
 * The last line of output is one JSON object with the figures.
 */
import { loadavg } from 'node:os';
import { chromium } from 'playwright';
import { tableToParquet } from '../lib/data/codecs/parquet';
import { bundleForBrowser } from '../e2e/harness/bundle';
import { bytesToBase64 } from '../e2e/harness/bytes';
import { chromiumLaunchOptions } from '../e2e/harness/chromium';
import { syntheticProfileTable, timeParquetProfile, type ProfileTimings } from '../e2e/harness/profile-bench';

const GOAL_MS = 1000;
const RUNS = 3;
const WARMUP = 1;
const TARGET = 'churned';

const rows = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${process.argv[2]}`);

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

const table = syntheticProfileTable(rows, 42);
const parquet = tableToParquet(table);

const node = await timeParquetProfile(parquet, TARGET, RUNS, WARMUP);

const bundle = await bundleForBrowser(`export * from '@/e2e/harness/profile-bench'; export * from '@/e2e/harness/bytes';`);
const browser = await chromium.launch(chromiumLaunchOptions());
let chromiumVersion = '';
let inPage: ProfileTimings;
try {
  chromiumVersion = browser.version();
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
  // base64 → bytes happens in the page before the timer: only decode and profile are measured.
  inPage = await page.evaluate(
    ({ b64, target, runs, warmup }) => {
      type Lib = typeof import('../e2e/harness/profile-bench') & typeof import('../e2e/harness/bytes');
      const lib = (globalThis as unknown as { ChurnLab: Lib }).ChurnLab;
      return lib.timeParquetProfile(lib.bytesFromBase64(b64), target, runs, warmup);
    },
    { b64: bytesToBase64(parquet), target: TARGET, runs: RUNS, warmup: WARMUP },
  );
} finally {
  await browser.close();
}

for (const [who, t] of [['node', node], ['chromium', inPage]] as const) {
  if (t.rows !== rows || t.columns !== table.columnNames().length) throw new Error(`${who}: profiled ${t.rows} rows × ${t.columns} columns, expected ${rows} × ${table.columnNames().length}`);
}

const b = { decode: median(inPage.decodeMs), profile: median(inPage.profileMs), total: median(inPage.totalMs) };
const n = { decode: median(node.decodeMs), profile: median(node.profileMs), total: median(node.totalMs) };
const fmt = (xs: number[]) => xs.map((x) => r1(x).toFixed(1)).join(', ');

console.log(`bench-browser-profile: ${rows.toLocaleString('en-US')} rows × ${table.columnNames().length} columns, Parquet ${(parquet.length / 1e6).toFixed(2)} MB`);
console.log(`kinds: ${JSON.stringify(inPage.kinds)}; runs: ${RUNS} timed after ${WARMUP} warm-up; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`chromium ${chromiumVersion} (V8 in page) vs node ${process.version}`);
console.log('');
console.log('runtime    step      median ms   runs ms');
console.log('---------  --------  ---------   -----------------------');
for (const [who, t, m] of [['chromium', inPage, b], ['node', node, n]] as const) {
  console.log(`${who.padEnd(9)}  decode    ${r1(m.decode).toFixed(1).padStart(9)}   ${fmt(t.decodeMs)}`);
  console.log(`${''.padEnd(9)}  profile   ${r1(m.profile).toFixed(1).padStart(9)}   ${fmt(t.profileMs)}`);
  console.log(`${''.padEnd(9)}  total     ${r1(m.total).toFixed(1).padStart(9)}   ${fmt(t.totalMs)}`);
}
console.log('');
console.log(`goal: browser decode + profile ≤ ${GOAL_MS} ms → ${b.total <= GOAL_MS ? 'met' : 'NOT met'} (${r1(b.total)} ms)`);
console.log(
  JSON.stringify({
    rows,
    columns: table.columnNames().length,
    parquet_bytes: parquet.length,
    browser_decode_ms: r1(b.decode),
    browser_profile_ms: r1(b.profile),
    browser_total_ms: r1(b.total),
    node_decode_ms: r1(n.decode),
    node_profile_ms: r1(n.profile),
    node_total_ms: r1(n.total),
    chromium: chromiumVersion,
    node: process.version,
    loadavg_1m: Math.round(loadavg()[0] * 100) / 100,
    goal_ms: GOAL_MS,
    goal_met: b.total <= GOAL_MS,
  }),
);
