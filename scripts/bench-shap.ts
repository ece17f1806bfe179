/**
 * TreeSHAP per-row latency: the fast `TreeShapExplainer` against the recursive reference port, on a GBDT
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
const out = new Float64Array(nf);
const outRef = new Float64Array(nf);

// Agreement and additivity over every test row before timing.
let maxDiff = 0;
let maxAdd = 0;
for (let i = 0; i < data.nTest; i++) {
  const a = fast.shapValues(data.Xte, i * nf, out);
  const b = ref.shapValues(data.Xte, i * nf, outRef);
  let s = fast.expectedValue;
  for (let f = 0; f < nf; f++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[f] - b[f]));
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

const f3 = (v: number) => v.toFixed(3).padStart(8);
console.log(`TreeSHAP per row (${data.source}, ${model.nTrees} trees, ${nLeaves} leaves, max depth ${model.maxDepth()}, ${nf} features, ${N_ROWS} rows)`);
console.log('impl           mean ms   p50 ms   p99 ms   cpu ms');
console.log(`reference     ${f3(tRef.mean)} ${f3(tRef.p50)} ${f3(tRef.p99)} ${f3(tRef.cpu)}`);
console.log(`fast          ${f3(tFast.mean)} ${f3(tFast.p50)} ${f3(tFast.p99)} ${f3(tFast.cpu)}`);
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
    max_additivity_err: maxAdd,
  }),
);
