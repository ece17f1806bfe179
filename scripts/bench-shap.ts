/**
 * TreeSHAP latency: per row, the fast `TreeShapExplainer` and the leaf-table explainer (`LeafTableTreeShap`)
 * against the recursive reference port; per block of 64 rows, the leaf tables against block Linear TreeSHAP
 * (`TreeShapBatch`, which they replaced in batch scoring and API batches). On a GBDT
 * trained with the seed params (max_depth 10, learning_rate 0.1, max_iter 200, min_samples_leaf 50,
 * l2_regularization 0.1, random_state 42, no early stopping).
 *
 *   npx tsx scripts/bench-shap.ts [--data CSV] [--synthetic] [--rows N] [--model-json FILE]
 *   env: TELCO_CSV
 *
 * Rows come from the Telco test split (recycled up to `--rows`, default 4000) or, with `--synthetic`
 * or when the CSV is missing, from a 20-feature synthetic set with NaNs. `--model-json FILE` reuses a
 * saved model (written there when the file does not exist) so before/after runs explain the same trees.
 * Prints a table and, as the last line, one JSON object with all figures (ms per row). `cpu` is process
 * CPU time per row, the steadier figure on a shared machine; the two implementations alternate in
 * blocks of rows so both see the same load.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitHistGradientBoosting, GbdtModel, type HistGradientBoostingParams } from '@/lib/ml/gbdt';
import { makeSynthetic } from '@/lib/ml/gbdt/test-utils';
import { TreeShapExplainer } from '@/lib/ml/explain/tree-shap';
import { TreeShapReference } from '@/lib/ml/explain/tree-shap-reference';
import { TreeShapBatch } from '@/lib/ml/explain/tree-shap-batch';
import { LeafTableTreeShap } from '@/lib/ml/explain/tree-shap-leaf-tables';
import { loadTelco } from './bench/gbdt-telco';

const args = process.argv.slice(2);
function arg(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
const DATA = resolve(arg('--data') ?? process.env.TELCO_CSV ?? '../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const N_ROWS = Number(arg('--rows') ?? 4000);
const MODEL_JSON = arg('--model-json');

const SEED: Partial<HistGradientBoostingParams> = {
  max_depth: 10,
  learning_rate: 0.1,
  max_iter: 200,
  min_samples_leaf: 50,
  l2_regularization: 0.1,
  random_state: 42,
  early_stopping: false,
};

function pct(sorted: Float64Array, q: number): number {
  const k = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (k - lo);
}

interface Timing {
  mean: number;
  p50: number;
  p99: number;
  /** Process CPU time per row (ms): less sensitive than wall time to other processes on the machine. */
  cpu: number;
}

type Explain = (row: Float64Array, base: number, out: Float64Array) => Float64Array;

function summarize(t: Float64Array, cpuMs: number): Timing {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += t[i];
  const sorted = Float64Array.from(t).sort();
  return { mean: s / t.length, p50: pct(sorted, 50), p99: pct(sorted, 99), cpu: cpuMs / t.length };
}

const BLOCK = 50;

/** Wall time (ms) of each `fn` call on rows [from, to) (cyclic over X) into t; returns their CPU ms. */
function timeBlock(fn: Explain, X: Float64Array, nSrc: number, nf: number, from: number, to: number, t: Float64Array, out: Float64Array): number {
  const c0 = process.cpuUsage();
  for (let i = from; i < to; i++) {
    const t0 = performance.now();
    fn(X, (i % nSrc) * nf, out);
    t[i] = performance.now() - t0;
  }
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/**
 * Per-row wall time and CPU time (ms) of `a` and `b` over `nRows` rows drawn cyclically from X, after a
 * warm-up pass. The two alternate in blocks of 50 rows so both see the same machine load.
 */
function timeRows(a: Explain, b: Explain, X: Float64Array, nSrc: number, nf: number, nRows: number, out: Float64Array): [Timing, Timing] {
  for (let i = 0; i < Math.min(nRows, 500); i++) {
    a(X, (i % nSrc) * nf, out);
    b(X, (i % nSrc) * nf, out);
  }
  const ta = new Float64Array(nRows);
  const tb = new Float64Array(nRows);
  let ca = 0;
  let cb = 0;
  for (let i = 0; i < nRows; i += BLOCK) {
    const to = Math.min(i + BLOCK, nRows);
    ca += timeBlock(a, X, nSrc, nf, i, to, ta, out);
    cb += timeBlock(b, X, nSrc, nf, i, to, tb, out);
  }
  return [summarize(ta, ca), summarize(tb, cb)];
}

function loadData(): { X: Float64Array; y: Uint8Array; Xte: Float64Array; nTest: number; featureNames: string[]; source: string } {
  if (!args.includes('--synthetic') && existsSync(DATA)) {
    const d = loadTelco(DATA);
    return { X: d.Xtr, y: d.ytr, Xte: d.Xte, nTest: d.nTest, featureNames: d.featureNames, source: 'telco' };
  }
  const d = makeSynthetic(20_000, 20, 42, 0.1);
  const nTr = 16_000;
  return { X: d.X.subarray(0, nTr * 20), y: d.y.subarray(0, nTr), Xte: d.X.subarray(nTr * 20), nTest: d.nRows - nTr, featureNames: d.featureNames, source: 'synthetic' };
}

const data = loadData();
let model: GbdtModel;
let fitS = 0;
if (MODEL_JSON && existsSync(MODEL_JSON)) {
  model = GbdtModel.fromJSON(JSON.parse(readFileSync(MODEL_JSON, 'utf8')));
} else {
  const t0 = performance.now();
  model = fitHistGradientBoosting(data.X, data.y, SEED, { featureNames: data.featureNames });
  fitS = (performance.now() - t0) / 1000;
  if (MODEL_JSON) writeFileSync(MODEL_JSON, JSON.stringify(model.toJSON()));
}
const nf = model.nFeatures;
const nLeaves = model.feature.reduce((a, f) => a + (f < 0 ? 1 : 0), 0);

const tc = performance.now();
const fast = new TreeShapExplainer(model);
const ctorMs = performance.now() - tc;
const ref = new TreeShapReference(model);
const tt = performance.now();
const tables = new LeafTableTreeShap(model);
const tablesBuildMs = performance.now() - tt;
const linearBlock = new TreeShapBatch(model);
const out = new Float64Array(nf);
const outRef = new Float64Array(nf);

// Agreement and additivity over every test row before timing.
let maxDiff = 0;
let maxAdd = 0;
let maxDiffTables = 0;
const outTables = new Float64Array(nf);
const allRows = Int32Array.from({ length: data.nTest }, (_, i) => i);
const blockTables = tables.shapRows(data.Xte, allRows, new Float64Array(data.nTest * nf));
for (let i = 0; i < data.nTest; i++) {
  const a = fast.shapValues(data.Xte, i * nf, out);
  const b = ref.shapValues(data.Xte, i * nf, outRef);
  const c = tables.shapValues(data.Xte, i * nf, outTables);
  let s = fast.expectedValue;
  for (let f = 0; f < nf; f++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[f] - b[f]));
    maxDiffTables = Math.max(maxDiffTables, Math.abs(c[f] - b[f]), Math.abs(blockTables[i * nf + f] - b[f]));
    s += a[f];
  }
  maxAdd = Math.max(maxAdd, Math.abs(s - model.predictRaw(data.Xte, i * nf)));
}

const [tRef, tFast] = timeRows(
  (r, b, o) => ref.shapValues(r, b, o),
  (r, b, o) => fast.shapValues(r, b, o),
  data.Xte,
  data.nTest,
  nf,
  N_ROWS,
  out,
);

const [, tTables] = timeRows(
  (r, b, o) => fast.shapValues(r, b, o),
  (r, b, o) => tables.shapValues(r, b, o),
  data.Xte,
  data.nTest,
  nf,
  N_ROWS,
  out,
);

/** Per-row CPU ms of explaining blocks of 64 test rows, the two block explainers alternating per block. */
function timeBlocks(): { linear: number; tables: number } {
  const B = 64;
  const o = new Float64Array(B * nf);
  const blocks = Math.max(1, Math.floor(N_ROWS / B));
  const idx = (k: number) => Int32Array.from({ length: B }, (_, j) => (k * B + j) % data.nTest);
  for (let k = 0; k < 4; k++) {
    linearBlock.shapRows(data.Xte, idx(k), o);
    tables.shapRows(data.Xte, idx(k), o);
  }
  let cl = 0;
  let ct = 0;
  for (let k = 0; k < blocks; k++) {
    const rows = idx(k);
    let c0 = process.cpuUsage();
    linearBlock.shapRows(data.Xte, rows, o);
    let c = process.cpuUsage(c0);
    cl += c.user + c.system;
    c0 = process.cpuUsage();
    tables.shapRows(data.Xte, rows, o);
    c = process.cpuUsage(c0);
    ct += c.user + c.system;
  }
  return { linear: cl / 1000 / (blocks * B), tables: ct / 1000 / (blocks * B) };
}
const tBlock = timeBlocks();

const f3 = (v: number) => v.toFixed(3).padStart(8);
console.log(`TreeSHAP per row (${data.source}, ${model.nTrees} trees, ${nLeaves} leaves, max depth ${model.maxDepth()}, ${nf} features, ${N_ROWS} rows)`);
console.log('impl           mean ms   p50 ms   p99 ms   cpu ms');
console.log(`reference     ${f3(tRef.mean)} ${f3(tRef.p50)} ${f3(tRef.p99)} ${f3(tRef.cpu)}`);
console.log(`fast          ${f3(tFast.mean)} ${f3(tFast.p50)} ${f3(tFast.p99)} ${f3(tFast.cpu)}`);
console.log(`leaf tables   ${f3(tTables.mean)} ${f3(tTables.p50)} ${f3(tTables.p99)} ${f3(tTables.cpu)}`);
console.log(`blocks of 64 rows, cpu ms per row: Linear TreeSHAP ${f3(tBlock.linear)}, leaf tables ${f3(tBlock.tables)} (${(tBlock.linear / tBlock.tables).toFixed(2)}x)`);
console.log(
  `leaf tables: built in ${tablesBuildMs.toFixed(0)} ms, ${((tables.tableSize * 8) / 1e6).toFixed(1)} MB, ${tables.treesTabled} trees tabled, ${tables.treesLinear} left to Linear TreeSHAP; max |tables - ref| ${maxDiffTables.toExponential(2)}`,
);
console.log(
  `speed-up: mean ${(tRef.mean / tFast.mean).toFixed(2)}x, p50 ${(tRef.p50 / tFast.p50).toFixed(2)}x, cpu ${(tRef.cpu / tFast.cpu).toFixed(2)}x; ` +
    `max |fast - ref| ${maxDiff.toExponential(2)}; max additivity error ${maxAdd.toExponential(2)}`,
);
console.log(
  JSON.stringify({
    source: data.source,
    trees: model.nTrees,
    leaves: nLeaves,
    max_depth: model.maxDepth(),
    features: nf,
    rows: N_ROWS,
    fit_s: fitS,
    ctor_ms: ctorMs,
    ref_mean_ms: tRef.mean,
    ref_p50_ms: tRef.p50,
    ref_p99_ms: tRef.p99,
    fast_mean_ms: tFast.mean,
    fast_p50_ms: tFast.p50,
    fast_p99_ms: tFast.p99,
    ref_cpu_ms: tRef.cpu,
    fast_cpu_ms: tFast.cpu,
    speedup_mean_ratio: tRef.mean / tFast.mean,
    speedup_p50_ratio: tRef.p50 / tFast.p50,
    speedup_cpu_ratio: tRef.cpu / tFast.cpu,
    max_abs_diff: maxDiff,
    tables_mean_ms: tTables.mean,
    tables_p50_ms: tTables.p50,
    tables_p99_ms: tTables.p99,
    tables_cpu_ms: tTables.cpu,
    tables_vs_fast_cpu_ratio: tFast.cpu / tTables.cpu,
    block64_linear_cpu_ms_per_row: tBlock.linear,
    block64_tables_cpu_ms_per_row: tBlock.tables,
    block64_tables_vs_linear_ratio: tBlock.linear / tBlock.tables,
    tables_build_ms: tablesBuildMs,
    tables_mb: (tables.tableSize * 8) / 1e6,
    tables_max_abs_diff: maxDiffTables,
    max_additivity_err: maxAdd,
  }),
);
