/**
 * A/B CPU-time comparison of two gbdt engine trees in one process (alternating runs, min and median):
 *   npx tsx scripts/bench/gbdt-ab.ts BASE_DIR [--reps N] [--synthetic-rows N] [--batch]
 * BASE_DIR holds a copy of lib/ml/gbdt (e.g. `git archive HEAD lib/ml/gbdt | tar -x -C /tmp/base`).
 */
import { resolve } from 'node:path';
import * as cur from '@/lib/ml/gbdt';
import { makeWideSynthetic } from './gbdt-synthetic';
import { loadTelco } from './gbdt-telco';

type Engine = typeof cur;
const args = process.argv.slice(2);
const arg = (n: string): string | undefined => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
const REPS = Number(arg('--reps') ?? 7);
const SYN = Number(arg('--synthetic-rows') ?? 0);
const SEED = { max_depth: 10, learning_rate: 0.1, max_iter: 200, min_samples_leaf: 50, l2_regularization: 0.1, random_state: 42 };
const cpu = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const stat = (a: number[]) => `min ${Math.min(...a).toFixed(3)} med ${a.slice().sort((x, y) => x - y)[a.length >> 1].toFixed(3)}`;

async function main(): Promise<void> {
  const base = (await import(resolve(args[0], 'lib/ml/gbdt/index.ts'))) as Engine;
  const d = loadTelco(resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv'), 42);
  const nf = d.featureNames.length;
  const nB = 100_000;
  const XB = new Float64Array(nB * nf);
  for (let i = 0; i < nB; i++) XB.set(d.Xte.subarray((i % d.nTest) * nf, ((i % d.nTest) + 1) * nf), i * nf);
  const syn = SYN > 0 ? makeWideSynthetic(SYN, 30, 42) : null;
  for (const [name, params] of [['seed', { ...SEED, early_stopping: false }], ['es', { ...SEED, early_stopping: true }]] as const) {
    const t: Record<string, number[]> = { base: [], cur: [] };
    const bt: Record<string, number[]> = { base: [], cur: [] };
    for (let r = 0; r < REPS; r++) {
      for (const [k, e] of [['base', base], ['cur', cur]] as const) {
        const c0 = process.cpuUsage();
        const m = e.fitHistGradientBoosting(d.Xtr, d.ytr, params, { featureNames: d.featureNames });
        t[k].push(cpu(process.cpuUsage(c0)));
        if (args.includes('--batch')) {
          const c1 = process.cpuUsage();
          m.predictProbaBatch(XB, nB);
          bt[k].push(nB / cpu(process.cpuUsage(c1)) / 1000);
        }
      }
    }
    console.log(`${name} fit cpu s: base ${stat(t.base)} | cur ${stat(t.cur)}`);
    if (args.includes('--batch')) console.log(`${name} batch k rows/cpu-s: base ${stat(bt.base)} | cur ${stat(bt.cur)}`);
  }
  if (syn) {
    for (const [k, e] of [['base', base], ['cur', cur]] as const) {
      const c0 = process.cpuUsage();
      const m = e.fitHistGradientBoosting(syn.X, syn.y, { random_state: 42 }, { featureNames: syn.featureNames });
      console.log(`synthetic ${SYN}: ${k} iters ${m.nIter} cpu ${cpu(process.cpuUsage(c0)).toFixed(2)} s`);
    }
  }
}
void main();
