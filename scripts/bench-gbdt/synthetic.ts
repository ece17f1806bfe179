/**
 * The wide synthetic fit of `bench:gbdt` (sklearn defaults, 30 features): the parent re-runs this script with
 * `--synthetic-child` so the child's peak RSS belongs to the fit alone; the child prints one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { fitHistGradientBoosting } from '@/lib/ml/gbdt';
import { makeWideSynthetic } from '../bench/gbdt-synthetic';
import { arg, QUICK } from './cli';

/** The child: generate, fit, print `{ rows, features, n_iter, fit_s, cpu_s, peak_rss_mb, rss_after_data_mb }` and exit. */
export function runSyntheticChild(): never {
  const nRows = Number(arg('--rows') ?? 1_000_000);
  const nFeatures = 30;
  const { X, y, featureNames } = makeWideSynthetic(nRows, nFeatures, 42);
  const rssData = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // sklearn defaults (max_iter 100, 31 leaves, early_stopping 'auto' → on above 10k rows)
  const m = fitHistGradientBoosting(X, y, { random_state: 42 }, { featureNames });
  const fitS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ rows: nRows, features: nFeatures, n_iter: m.nIter, fit_s: fitS, cpu_s: (cpu.user + cpu.system) / 1e6, peak_rss_mb: process.resourceUsage().maxRSS / 1024, rss_after_data_mb: rssData }));
  process.exit(0);
}

/** The parent: the child's JSON figures (`{}` when it failed; its stderr is printed). */
export function runSynthetic(): Record<string, number> {
  const synRows = Number(arg('--synthetic-rows') ?? (QUICK ? 100_000 : 1_000_000));
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--synthetic-child', '--rows', String(synRows)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  let syn: Record<string, number> = {};
  try {
    syn = JSON.parse(child.stdout.trim().split('\n').pop() as string);
  } catch {
    console.error('synthetic child failed:', child.stderr);
  }
  return syn;
}
