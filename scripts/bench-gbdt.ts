/**
 * Histogram GBDT benchmark on IBM Telco churn, side by side with the sklearn anchors
 * (/work/shared/anchors, protocol of churn_data.py / train_anchor.py).
 *
 *   npx tsx scripts/bench-gbdt.ts [--data CSV] [--anchors DIR] [--synthetic-rows N] [--quick]
 *   env: TELCO_CSV, ANCHORS_DIR
 *
 * Prints a table and, as the last line, one JSON object with all figures (ratio keys end in `ratio`).
 * The split uses sklearn's StratifiedShuffleSplit algorithm with a numpy-compatible MT19937, so the
 * train/test rows are the same as `train_test_split(test_size=0.2, stratify=y, random_state=42)`.
 *
 * Pieces in scripts/bench-gbdt/: cli (flags, paths), anchor (the sklearn reference, live or stored), model (one
 * configuration: fits, quality, latency, throughput), synthetic (the wide fit in a child process), report (table,
 * ratios, goals, the JSON line), stats (median, percentile, load average).
 */
import type { HistGradientBoostingParams } from '@/lib/ml/gbdt';
import { allocSharedRows } from '@/lib/server/ml/parallel-predict';
import { loadTelco } from './bench/gbdt-telco';
import { loadAnchors } from './bench-gbdt/anchor';
import { args, DATA, QUICK } from './bench-gbdt/cli';
import { benchModel } from './bench-gbdt/model';
import { printReport } from './bench-gbdt/report';
import { loadavg } from './bench-gbdt/stats';
import { runSynthetic, runSyntheticChild } from './bench-gbdt/synthetic';

const SEED: Partial<HistGradientBoostingParams> = {
  max_depth: 10,
  learning_rate: 0.1,
  max_iter: 200,
  min_samples_leaf: 50,
  l2_regularization: 0.1,
  random_state: 42,
};

// ---------- synthetic child: fresh process so maxRSS belongs to the fit alone ----------
if (args.includes('--synthetic-child')) runSyntheticChild();

async function main(): Promise<void> {
  const loadStart = loadavg();
  const d = loadTelco(DATA, 42);
  const nf = d.featureNames.length;
  const anchors = loadAnchors();
  const batchRows = QUICK ? 100_000 : 1_000_000;
  // on a SharedArrayBuffer so the parallel predictor shares the rows with its workers without a copy
  const batchX = allocSharedRows(batchRows, nf);
  for (let i = 0; i < batchRows; i++) batchX.set(d.Xte.subarray((i % d.nTest) * nf, ((i % d.nTest) + 1) * nf), i * nf);

  const seed = await benchModel(d, { ...SEED, early_stopping: false }, batchX, batchRows);
  const es = await benchModel(d, { ...SEED, early_stopping: true }, batchX, batchRows);

  const syn = runSynthetic();

  printReport(d, anchors, loadStart, seed, es, syn);
}

void main();
