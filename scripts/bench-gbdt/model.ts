/**
 * One configuration of the Telco benchmark: fits (the protocol's median of 3, then 3 warm ones), test ROC AUC and
 * F1, single-row latency percentiles, batch throughput on one thread and with `ParallelGbdtPredictor`.
 */
import { fitHistGradientBoosting, type GbdtModel, type HistGradientBoostingParams } from '@/lib/ml/gbdt';
import { ParallelGbdtPredictor } from '@/lib/server/ml/parallel-predict';
import { f1At, type loadTelco, rocAuc } from '../bench/gbdt-telco';
import { QUICK } from './cli';
import { median, pct } from './stats';

export interface Result {
  /** process CPU seconds (user + system) of the median-time fit */
  fit_cpu_s: number;
  /** rows per CPU-second of the median batch call: throughput net of CPU sharing on a loaded machine */
  rows_per_cpu_s: number;
  n_iter: number;
  roc_auc: number;
  f1: number;
  fit_s: number;
  fit_s_all: number[];
  /** the very first fit of this configuration in the process (JIT cold when it is the process's first fit) */
  fit_first_s: number;
  /** median of 3 further fits, after the protocol's 3 (steady state of a long-running process) */
  fit_warm_s: number;
  rows_per_s: number;
  p50: number;
  p95: number;
  p99: number;
  /** rows/s (wall) of the median parallel batch call (`ParallelGbdtPredictor`, `threads` threads) */
  rows_per_s_parallel: number;
  threads: number;
}

export async function benchModel(d: ReturnType<typeof loadTelco>, params: Partial<HistGradientBoostingParams>, batchX: Float64Array, batchRows: number): Promise<Result> {
  const fits: number[] = [];
  const fitCpu: number[] = [];
  let model: GbdtModel | null = null;
  // protocol (as the anchor): median of 3 fits, the first one included
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    model = fitHistGradientBoosting(d.Xtr, d.ytr, params, { featureNames: d.featureNames });
    fits.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    fitCpu.push((c.user + c.system) / 1e6);
  }
  const warm: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    fitHistGradientBoosting(d.Xtr, d.ytr, params, { featureNames: d.featureNames });
    warm.push((performance.now() - t0) / 1000);
  }
  const m = model as GbdtModel;
  const proba = m.predictProbaBatch(d.Xte, d.nTest);
  const nf = d.featureNames.length;
  // single-row latency on pre-sliced rows, as the python anchor
  const rows = Array.from({ length: Math.min(500, d.nTest) }, (_, i) => d.Xte.subarray(i * nf, (i + 1) * nf));
  let sink = 0;
  for (let i = 0; i < 5000; i++) sink += m.predictProba(rows[i % rows.length]);
  const iters = QUICK ? 10000 : 100000;
  const lat = new Float64Array(iters);
  for (let i = 0; i < iters; i++) {
    const row = rows[i % rows.length];
    const t0 = process.hrtime.bigint();
    sink += m.predictProba(row);
    lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const batchTimes: number[] = [];
  const batchCpu: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = m.predictProbaBatch(batchX, batchRows);
    batchTimes.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    batchCpu.push((c.user + c.system) / 1e6);
    sink += out[0];
  }
  // parallel: workers started once and loaded with the artifact before timing; one warm-up batch
  const pp = await ParallelGbdtPredictor.create(m);
  const ref = m.predictProbaBatch(batchX, batchRows);
  const first = await pp.predictProbaBatch(batchX, batchRows);
  for (let i = 0; i < batchRows; i++) {
    if (!Object.is(first[i], ref[i])) throw new Error(`parallel batch differs from single-thread at row ${i}`);
  }
  const parTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const out = await pp.predictProbaBatch(batchX, batchRows);
    parTimes.push((performance.now() - t0) / 1000);
    sink += out[0];
  }
  await pp.close();
  if (sink === 42.4242) console.log('');
  return {
    rows_per_s_parallel: batchRows / median(parTimes),
    threads: pp.threads,
    n_iter: m.nIter,
    roc_auc: rocAuc(d.yte, proba),
    f1: f1At(d.yte, proba, 0.5),
    fit_s: median(fits),
    fit_s_all: fits,
    fit_first_s: fits[0],
    fit_warm_s: median(warm),
    fit_cpu_s: median(fitCpu),
    rows_per_cpu_s: batchRows / median(batchCpu),
    rows_per_s: batchRows / median(batchTimes),
    p50: pct(lat, 50),
    p95: pct(lat, 95),
    p99: pct(lat, 99),
  };
}
