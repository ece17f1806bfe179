/**
 * Quick CPU-time bench + output fingerprint for gbdt engine work (no sklearn, no 1M synthetic):
 *   npx tsx scripts/bench/gbdt-quick.ts [--reps N] [--synthetic-rows N] [--fingerprint FILE]
 * Prints per config: fit CPU s (min/median of reps), batch rows per CPU-s, single-row p99 µs, and a hash of
 * the model JSON + test predictions so engine changes can be checked for identical outputs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitHistGradientBoosting, type GbdtModel, type HistGradientBoostingParams } from '@/lib/ml/gbdt';
import { makeWideSynthetic } from './gbdt-synthetic';
import { loadTelco, rocAuc } from './gbdt-telco';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const REPS = Number(arg('--reps') ?? 5);
const SYN = Number(arg('--synthetic-rows') ?? 0);
const FP = arg('--fingerprint');
const ONLY = arg('--only'); // fit | batch
const DATA = resolve(process.env.TELCO_CSV ?? '../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const SEED: Partial<HistGradientBoostingParams> = { max_depth: 10, learning_rate: 0.1, max_iter: 200, min_samples_leaf: 50, l2_regularization: 0.1, random_state: 42 };

const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const hash = (m: GbdtModel, p: Float64Array) => createHash('sha1').update(JSON.stringify(m.toJSON())).update(new Uint8Array(p.buffer)).digest('hex').slice(0, 16);

const d = loadTelco(DATA, 42);
const nf = d.featureNames.length;
const fps: Record<string, string> = {};
for (const [name, params] of [['seed', { ...SEED, early_stopping: false }], ['es', { ...SEED, early_stopping: true }]] as const) {
  const fit: number[] = [];
  let m: GbdtModel | null = null;
  for (let r = 0; r < (ONLY === 'batch' ? 1 : REPS); r++) {
    const c0 = process.cpuUsage();
    m = fitHistGradientBoosting(d.Xtr, d.ytr, params, { featureNames: d.featureNames });
    fit.push(cpu(process.cpuUsage(c0)));
  }
  const model = m as GbdtModel;
  const proba = model.predictProbaBatch(d.Xte, d.nTest);
  fps[name] = hash(model, proba);
  let line = `${name}: iters ${model.nIter} auc ${rocAuc(d.yte, proba).toFixed(5)} fit cpu min ${Math.min(...fit).toFixed(3)} med ${med(fit).toFixed(3)}`;
  if (ONLY !== 'fit') {
    const nB = 200_000;
    const X = new Float64Array(nB * nf);
    for (let i = 0; i < nB; i++) X.set(d.Xte.subarray((i % d.nTest) * nf, ((i % d.nTest) + 1) * nf), i * nf);
    const bt: number[] = [];
    let sink = 0;
    for (let r = 0; r < REPS; r++) {
      const c0 = process.cpuUsage();
      sink += model.predictProbaBatch(X, nB)[0];
      bt.push(cpu(process.cpuUsage(c0)));
    }
    const rows = Array.from({ length: 500 }, (_, i) => d.Xte.subarray(i * nf, (i + 1) * nf));
    for (let i = 0; i < 5000; i++) sink += model.predictProba(rows[i % 500]);
    const lat = new Float64Array(20000);
    for (let i = 0; i < lat.length; i++) {
      const t0 = process.hrtime.bigint();
      sink += model.predictProba(rows[i % 500]);
      lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    lat.sort();
    line += ` | batch rows/cpu-s max ${Math.round(nB / Math.min(...bt)).toLocaleString('en')} med ${Math.round(nB / med(bt)).toLocaleString('en')} | 1-row p50 ${lat[10000].toFixed(1)} p99 ${lat[19800].toFixed(1)} µs${sink === 0.123 ? '!' : ''}`;
  }
  console.log(line);
}
if (SYN > 0) {
  const { X, y, featureNames } = makeWideSynthetic(SYN, 30, 42);
  const c0 = process.cpuUsage();
  const m = fitHistGradientBoosting(X, y, { random_state: 42 }, { featureNames });
  const c = cpu(process.cpuUsage(c0));
  fps.synthetic = hash(m, m.predictRawBatch(X.subarray(0, 30 * 10000), 10000));
  console.log(`synthetic ${SYN}×30: iters ${m.nIter} fit cpu ${c.toFixed(2)} s`);
}
console.log('fingerprint', JSON.stringify(fps));
if (FP) {
  if (existsSync(FP)) {
    const ref = JSON.parse(readFileSync(FP, 'utf8')) as Record<string, string>;
    const bad = Object.keys(fps).filter((k) => ref[k] !== undefined && ref[k] !== fps[k]);
    console.log(bad.length ? `FINGERPRINT MISMATCH: ${bad.join(', ')}` : 'fingerprint matches reference');
  } else writeFileSync(FP, JSON.stringify(fps));
}
