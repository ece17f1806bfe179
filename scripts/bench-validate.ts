/**
 * Benchmark: the seed suite on a 1M-row, 13-column table with some dirty rows.
 *   npx tsx scripts/bench-validate.ts [rows]
 * Prints a readable table, then as the LAST line one JSON object with the figures. Goal: ≤ 2 s per run.
 */
import { table as aqTable } from 'arquero';
import { tableFromColumns, type TableLike } from '../lib/data/table';
import { SEED_COLUMNS, seedSuite, validateTable, type ValidationReport } from '../lib/validation';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const GOAL_MS = 2000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Columns as a loader would produce them: numbers in typed arrays (NaN = missing), text in plain arrays. */
function buildColumns(n: number): Record<string, ArrayLike<unknown>> {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const customerId = new Array<string | null>(n);
  const gender = new Array<string | null>(n);
  const location = new Array<string>(n);
  const contract = new Array<string>(n);
  const payment = new Array<string>(n);
  const signup = new Float64Array(n);
  const age = new Float64Array(n);
  const dataUsage = new Float64Array(n);
  const callMinutes = new Float64Array(n);
  const usageDays = new Int32Array(n);
  const charges = new Float64Array(n);
  const late = new Int32Array(n);
  const tenure = new Float64Array(n);
  const genders = ['Male', 'Female', 'Other'] as const;
  const locations = ['Urban', 'Suburban', 'Rural'] as const;
  const contracts = ['Monthly', 'Quarterly', 'Annual'] as const;
  const payments = ['Card', 'Bank transfer', 'PayPal', 'Cash'] as const;
  const t0 = Date.UTC(2018, 0, 1);
  for (let i = 0; i < n; i++) {
    customerId[i] = `C${String(i).padStart(7, '0')}`;
    signup[i] = t0 + Math.floor(r() * 2000) * 86_400_000;
    age[i] = 18 + Math.floor(r() * 63);
    gender[i] = pick(genders);
    location[i] = pick(locations);
    contract[i] = pick(contracts);
    payment[i] = pick(payments);
    dataUsage[i] = r() * 20;
    callMinutes[i] = r() * 600;
    usageDays[i] = Math.floor(r() * 31);
    charges[i] = 15 + r() * 100;
    late[i] = Math.floor(r() * 6);
    tenure[i] = Math.floor(r() * 121);
  }
  // ~0.1 % dirty rows per check, spread over the table.
  const dirty = Math.max(1, Math.floor(n / 1000));
  for (let k = 0; k < dirty; k++) {
    const at = (f: number) => Math.floor(((k + f) / dirty) * n) % n;
    customerId[at(0.1)] = null;
    customerId[at(0.2)] = customerId[at(0.25)];
    age[at(0.3)] = Number.NaN;
    age[at(0.4)] = k % 2 ? 12 : 130;
    tenure[at(0.5)] = k % 2 ? -3 : 200;
    tenure[at(0.6)] = Number.NaN;
    gender[at(0.7)] = k % 2 ? 'female' : 'Unknown';
    gender[at(0.8)] = null;
  }
  const cols: Record<string, ArrayLike<unknown>> = {
    customer_id: customerId,
    signup_date: signup,
    age,
    gender,
    location,
    contract_type: contract,
    payment_method: payment,
    avg_data_usage: dataUsage,
    avg_call_minutes: callMinutes,
    usage_days: usageDays,
    avg_monthly_charges: charges,
    late_payments: late,
    tenure,
  };
  if (Object.keys(cols).join() !== SEED_COLUMNS.join()) throw new Error('column order drifted from SEED_COLUMNS');
  return cols;
}

function timeRuns(table: TableLike, runs: number): { ms: number[]; report: ValidationReport } {
  const suite = seedSuite();
  const ms: number[] = [];
  let report: ValidationReport | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    report = validateTable(table, suite, { idColumn: 'customer_id' });
    ms.push(performance.now() - t);
  }
  return { ms, report: report as ValidationReport };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

const tBuild = performance.now();
const columns = buildColumns(ROWS);
const buildMs = performance.now() - tBuild;
const plain = tableFromColumns(columns);
const { ms: plainMs, report } = timeRuns(plain, 3);
const aq = aqTable(columns as Record<string, unknown[]>);
const { ms: aqMs } = timeRuns(aq, 3);

// Per-expectation breakdown (one run each, plain table).
const suite = seedSuite();
const perExpectation = suite.expectations.map((e) => {
  const t = performance.now();
  const r = validateTable(plain, { name: 'one', expectations: [e] }).results[0];
  const col = 'column' in e.kwargs ? e.kwargs.column : '(table)';
  return { expectation: `${e.expectation_type} ${col}`, ms: performance.now() - t, unexpected: r.result.unexpected_count ?? (r.success ? 0 : 1) };
});

const maxRssMb = process.resourceUsage().maxRSS / 1024;
const medianMs = median(plainMs);

console.log(`seed suite on ${ROWS.toLocaleString('en-US')} rows × ${SEED_COLUMNS.length} columns (table built in ${buildMs.toFixed(0)} ms)`);
console.log('');
console.log('table             run 1 ms   run 2 ms   run 3 ms   median ms');
const row = (label: string, xs: number[]) =>
  console.log(`${label.padEnd(16)}${xs.map((x) => x.toFixed(1).padStart(9)).join('  ')}  ${median(xs).toFixed(1).padStart(10)}`);
row('plain columns', plainMs);
row('arquero table', aqMs);
console.log('');
console.log('expectation                                                  ms   unexpected');
for (const p of perExpectation) console.log(`${p.expectation.padEnd(56)}${p.ms.toFixed(1).padStart(8)}   ${String(p.unexpected).padStart(10)}`);
console.log('');
console.log(
  `report: success=${report.success}  evaluated=${report.summary.evaluated}  failed errors=${report.summary.failed_errors}  ` +
    `failed warnings=${report.summary.failed_warnings}`,
);
console.log(`peak RSS: ${maxRssMb.toFixed(0)} MB   goal: median ≤ ${GOAL_MS} ms → ${medianMs <= GOAL_MS ? 'MET' : 'MISSED'}`);
console.log(
  JSON.stringify({
    bench: 'validate-seed-suite',
    rows: ROWS,
    columns: SEED_COLUMNS.length,
    expectations: suite.expectations.length,
    median_ms: Number(medianMs.toFixed(1)),
    runs_ms: plainMs.map((x) => Number(x.toFixed(1))),
    arquero_median_ms: Number(median(aqMs).toFixed(1)),
    build_ms: Number(buildMs.toFixed(0)),
    max_rss_mb: Number(maxRssMb.toFixed(0)),
    goal_ms: GOAL_MS,
    goal_met: medianMs <= GOAL_MS,
    failed_errors: report.summary.failed_errors,
  }),
);
