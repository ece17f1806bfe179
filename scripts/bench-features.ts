/**
 * Feature-engineering benchmark: fit + apply the seed spec on N synthetic seed rows (default 1,000,000),
 * report time and peak RSS; when `/usr/bin/python3` has scikit-learn and pandas, run the equivalent
 * ColumnTransformer on the same rows (CSV in a temp dir; only fit+transform is timed) and print the ratio.
 *
 *   npx tsx scripts/bench-features.ts [rows]
 *
 * The last line of output is one JSON object with the figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromColumns } from '../lib/data/table';
import { apply, applyRow, fit, seedFeatureSpec } from '../lib/features';
import { syntheticSeedColumns } from '../lib/features/seed-synthetic';

// Equivalent of seedFeatureSpec(): impute → derive → bin → one-hot + standard scale. Reading the CSV and
// coercing avg_call_minutes (stored as text with blanks) happen before the timer.
const PY_SCRIPT = String.raw`
import json, resource, sys, time
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

df = pd.read_csv(sys.argv[1], keep_default_na=True)
df["avg_call_minutes"] = pd.to_numeric(df["avg_call_minutes"], errors="coerce")
y = df.pop("churned")
df = df.drop(columns=["customer_id", "signup_date"])
num = ["age", "avg_data_usage", "avg_call_minutes", "usage_days", "avg_monthly_charges", "late_payments", "tenure"]
cat = ["gender", "location", "contract_type", "payment_method"]

t0 = time.perf_counter()
c0 = time.process_time()
X = df.copy()
X[num] = SimpleImputer(strategy="median").fit_transform(X[num])
X[cat] = SimpleImputer(strategy="most_frequent").fit_transform(X[cat])
X["avg_revenue_per_month"] = X["avg_monthly_charges"] / (X["tenure"] + 1)
X["usage_intensity"] = X["avg_data_usage"] + X["avg_call_minutes"]
X["estimated_clv"] = X["avg_monthly_charges"] * X["tenure"]
X["payment_reliability"] = 1 - X["late_payments"] / (X["tenure"] + 1)
X["tenure_category"] = pd.cut(X["tenure"], [0, 12, 24, 48, np.inf], right=False,
                              labels=["new", "recent", "established", "loyal"]).astype(object)
numeric = num + ["avg_revenue_per_month", "usage_intensity", "estimated_clv", "payment_reliability"]
try:
    ohe = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
except TypeError:  # scikit-learn < 1.2
    ohe = OneHotEncoder(handle_unknown="ignore", sparse=False)
ct = ColumnTransformer([("num", StandardScaler(), numeric), ("cat", ohe, cat + ["tenure_category"])])
Z = ct.fit_transform(X)
elapsed = time.perf_counter() - t0
cpu = time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"fit_transform_s": elapsed, "cpu_s": cpu, "features": int(Z.shape[1]), "peak_rss_mb": rss}))
`;

const rows = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${process.argv[2]}`);

const now = () => performance.now() / 1000;
// CPU seconds (user + system) of this process: less sensitive than wall time to other load on the host.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const rssMb = () => process.resourceUsage().maxRSS / 1024;

let t = now();
const cols = syntheticSeedColumns(rows, 42, 0.02);
const table = tableFromColumns(cols);
const generateS = now() - t;
const rssAfterGenerate = rssMb();

t = now();
let c = cpu();
const fitted = fit(seedFeatureSpec(), table);
const fitS = now() - t;
const fitCpu = cpu() - c;
t = now();
c = cpu();
const out = apply(fitted, table);
const applyS = now() - t;
const applyCpu = cpu() - c;
const peakRss = rssMb();

// applyRow latency over the first rows (records built outside the timed loop).
const nRow = Math.min(20_000, rows);
const records: Record<string, unknown>[] = [];
for (let i = 0; i < nRow; i++) {
  const r: Record<string, unknown> = {};
  for (const c of Object.keys(cols)) r[c] = cols[c][i];
  records.push(r);
}
applyRow(fitted, records[0]);
t = now();
let sink = 0;
for (const r of records) sink += applyRow(fitted, r)[0];
const applyRowUs = ((now() - t) / nRow) * 1e6;
if (Number.isNaN(sink)) console.warn('note: NaN in first feature of some rows');

// ---- scikit-learn reference ----
let sklearn: { fit_transform_s: number; cpu_s: number; features: number; peak_rss_mb: number } | null = null;
let sklearnNote = '';
const py = '/usr/bin/python3';
const probe = spawnSync(py, ['-c', 'import sklearn, pandas'], { encoding: 'utf8' });
if (probe.status === 0) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-features-'));
  try {
    const csv = join(dir, 'seed.csv');
    const names = Object.keys(cols);
    const fd = openSync(csv, 'w');
    writeSync(fd, names.join(',') + '\n');
    const chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(names.map((c) => (cols[c][i] === null ? '' : String(cols[c][i]))).join(','));
      if (chunk.length === 50_000 || i === rows - 1) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    closeSync(fd);
    const script = join(dir, 'bench.py');
    writeFileSync(script, PY_SCRIPT);
    const res = execFileSync(py, [script, csv], { encoding: 'utf8', maxBuffer: 1 << 20 });
    sklearn = JSON.parse(res.trim().split('\n').pop()!);
  } catch (e) {
    sklearnNote = `sklearn run failed: ${(e as Error).message.split('\n')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const why = (probe.stderr || '').trim().split('\n').filter(Boolean).pop() ?? 'unknown error';
  sklearnNote = `skipped: /usr/bin/python3 cannot import sklearn, pandas (${why})`;
}

const tsTotal = fitS + applyS;
const fmt = (x: number, d = 2) => x.toFixed(d);
const lines: [string, string][] = [
  ['rows', rows.toLocaleString('en-US')],
  ['output features', String(out.featureNames.length)],
  ['generate synthetic rows', `${fmt(generateS)} s`],
  ['fit (seed spec)', `${fmt(fitS)} s wall, ${fmt(fitCpu)} s CPU`],
  ['apply', `${fmt(applyS)} s wall, ${fmt(applyCpu)} s CPU`],
  ['fit + apply', `${fmt(tsTotal)} s (${fmt(rows / tsTotal / 1e6)} M rows/s)`],
  ['applyRow', `${fmt(applyRowUs, 1)} µs/row (${nRow.toLocaleString('en-US')} rows)`],
  ['host load average (1 min)', loadavg()[0].toFixed(2)],
  ['peak RSS after generate', `${fmt(rssAfterGenerate, 0)} MB`],
  ['peak RSS after fit+apply', `${fmt(peakRss, 0)} MB`],
  ['sklearn fit_transform', sklearn ? `${fmt(sklearn.fit_transform_s)} s wall, ${fmt(sklearn.cpu_s)} s CPU (${sklearn.features} features, peak RSS ${fmt(sklearn.peak_rss_mb, 0)} MB)` : sklearnNote],
  ['churnlab / sklearn time', sklearn ? `${fmt(tsTotal / sklearn.fit_transform_s)}× wall, ${fmt((fitCpu + applyCpu) / sklearn.cpu_s)}× CPU` : 'n/a'],
];
const w = Math.max(...lines.map(([k]) => k.length));
console.log('\nFeature engineering benchmark (seed spec)\n' + '-'.repeat(w + 40));
for (const [k, v] of lines) console.log(`${k.padEnd(w)}  ${v}`);
console.log('-'.repeat(w + 40));
console.log(
  JSON.stringify({
    rows,
    features: out.featureNames.length,
    generate_s: +generateS.toFixed(3),
    fit_s: +fitS.toFixed(3),
    apply_s: +applyS.toFixed(3),
    fit_apply_s: +tsTotal.toFixed(3),
    fit_cpu_s: +fitCpu.toFixed(3),
    apply_cpu_s: +applyCpu.toFixed(3),
    host_load_1m: +loadavg()[0].toFixed(2),
    apply_row_us: +applyRowUs.toFixed(2),
    peak_rss_mb: +peakRss.toFixed(1),
    sklearn_fit_transform_s: sklearn ? +sklearn.fit_transform_s.toFixed(3) : null,
    sklearn_peak_rss_mb: sklearn ? +sklearn.peak_rss_mb.toFixed(1) : null,
    sklearn_note: sklearn ? null : sklearnNote,
    ts_over_sklearn_time_ratio: sklearn ? +(tsTotal / sklearn.fit_transform_s).toFixed(3) : null,
    sklearn_cpu_s: sklearn ? +sklearn.cpu_s.toFixed(3) : null,
    // CPU seconds on both sides: steadier than wall time on a shared host.
    ts_over_sklearn_cpu_ratio: sklearn ? +((fitCpu + applyCpu) / sklearn.cpu_s).toFixed(3) : null,
  }),
);
