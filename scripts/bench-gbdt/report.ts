/**
 * The report of `bench:gbdt`: the table against the sklearn anchor, fit / CPU / synthetic lines, ratios (live and
 * against the stored anchor), goals, and as the last line the JSON object with all figures.
 */
import { join } from 'node:path';
import type { loadTelco } from '../bench/gbdt-telco';
import { readAnchor, type AnchorRun } from './anchor';
import { ANCHORS, QUICK } from './cli';
import type { Result } from './model';
import { loadavg } from './stats';

/** Prints the report; `syn` is the synthetic child's JSON (`{}` when it failed). */
export function printReport(
  d: ReturnType<typeof loadTelco>,
  anchors: { source: string; runs: Record<string, AnchorRun> },
  loadStart: string,
  seed: Result,
  es: Result,
  syn: Record<string, number>,
): void {
  const nf = d.featureNames.length;
  const a0 = anchors.runs.hgb_seed;
  const a1 = anchors.runs.hgb_seed_es;
  const fmt = (v: number, k = 4) => (Number.isFinite(v) ? v.toFixed(k) : 'n/a');
  console.log(`\nTelco: ${d.nRows} rows, ${nf} encoded features, train ${d.nTrain} / test ${d.nTest} (stratified, seed 42)`);
  console.log(`sklearn anchor: ${anchors.source}`);
  console.log(`machine: node ${process.version}, load avg at start ${loadStart}, at report ${loadavg()}\n`);
  const header = ['model', 'iters', 'ROC AUC', 'F1@0.5', 'fit s (med 3)', 'batch rows/s (1 thr)', `batch rows/s (${seed.threads} thr)`, '1-row p50 µs', 'p95 µs', 'p99 µs'];
  const rps = (v: number) => Math.round(v).toLocaleString('en');
  const rowsOut: string[][] = [
    ['churnlab seed (ES off)', String(seed.n_iter), fmt(seed.roc_auc, 5), fmt(seed.f1, 5), fmt(seed.fit_s, 3), rps(seed.rows_per_s), rps(seed.rows_per_s_parallel), fmt(seed.p50, 1), fmt(seed.p95, 1), fmt(seed.p99, 1)],
    ['sklearn seed, 1 thread', String(a0.n_iter), fmt(a0.roc_auc, 5), fmt(a0.f1, 5), fmt(a0.fit_s, 3), rps(a0.rows_per_s), '-', fmt(a0.p50, 1), fmt(a0.p95, 1), fmt(a0.p99, 1)],
    ['churnlab seed + ES', String(es.n_iter), fmt(es.roc_auc, 5), fmt(es.f1, 5), fmt(es.fit_s, 3), rps(es.rows_per_s), rps(es.rows_per_s_parallel), fmt(es.p50, 1), fmt(es.p95, 1), fmt(es.p99, 1)],
    ['sklearn seed + ES, 1 thread', String(a1.n_iter), fmt(a1.roc_auc, 5), fmt(a1.f1, 5), fmt(a1.fit_s, 3), rps(a1.rows_per_s), '-', fmt(a1.p50, 1), fmt(a1.p95, 1), fmt(a1.p99, 1)],
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rowsOut) console.log(line(r));
  console.log(`\nfit times (s): seed ${seed.fit_s_all.map((v) => v.toFixed(3)).join(', ')}; ES ${es.fit_s_all.map((v) => v.toFixed(3)).join(', ')}`);
  console.log(
    `fit s, median of 3 more fits after those (warm JIT, a long-running process): seed ${seed.fit_warm_s.toFixed(3)} (ratio ${(seed.fit_warm_s / a0.fit_s).toFixed(2)}), ES ${es.fit_warm_s.toFixed(3)} (ratio ${(es.fit_warm_s / a1.fit_s).toFixed(2)}); the process's first fit (cold JIT): ${seed.fit_first_s.toFixed(3)} s`,
  );
  console.log(`CPU time (this process; wall above is inflated when the 2 vCPUs are shared): fit seed ${seed.fit_cpu_s.toFixed(3)} s, ES ${es.fit_cpu_s.toFixed(3)} s; batch seed ${Math.round(seed.rows_per_cpu_s).toLocaleString('en')} rows/cpu-s, ES ${Math.round(es.rows_per_cpu_s).toLocaleString('en')} rows/cpu-s`);
  console.log(`synthetic ${syn.rows ?? '?'} × ${syn.features ?? '?'} (sklearn defaults, ES auto → on, ${syn.n_iter ?? '?'} iters): fit ${fmt(syn.fit_s, 2)} s (cpu ${fmt(syn.cpu_s, 2)} s), peak RSS ${fmt(syn.peak_rss_mb, 0)} MB (after data ${fmt(syn.rss_after_data_mb, 0)} MB)`);

  // fit: wall median of 3 against the anchor's (run live in this process's run when possible, so both see the
  // same machine load); batch: the parallel figure (wall) against sklearn at 1 thread, as the goal states
  const summary = (r: Result, a: AnchorRun) => ({
    fit_time_ratio: r.fit_s / a.fit_s,
    fit_cpu_time_ratio: r.fit_cpu_s / a.fit_s,
    batch_rows_per_s_ratio: r.rows_per_s_parallel / a.rows_per_s,
    batch_single_thread_ratio: r.rows_per_s / a.rows_per_s,
    batch_single_thread_cpu_ratio: r.rows_per_cpu_s / a.rows_per_s,
    batch_threads: r.threads,
    p50_us: r.p50,
    p95_us: r.p95,
    p99_us: r.p99,
  });
  const sSeed = summary(seed, a0);
  const sEs = summary(es, a1);
  const goals = {
    auc_es_ge_0839: es.roc_auc >= 0.839,
    auc_seed_ge_0822: seed.roc_auc >= 0.822,
    fit_le_sklearn_seed: sSeed.fit_time_ratio <= 1,
    fit_le_sklearn_es: sEs.fit_time_ratio <= 1,
    batch_ge_2x_sklearn_seed: sSeed.batch_rows_per_s_ratio >= 2,
    batch_ge_2x_sklearn_es: sEs.batch_rows_per_s_ratio >= 2,
    p99_le_50us_200_trees: seed.p99 <= 50,
    synthetic_rss_le_1500mb: (syn.peak_rss_mb ?? Infinity) <= 1500,
  };
  console.log(`batch threads: ${seed.threads} (os.availableParallelism()); ratios vs sklearn at 1 thread — seed: fit ${sSeed.fit_time_ratio.toFixed(2)} (cpu ${sSeed.fit_cpu_time_ratio.toFixed(2)}), batch ${sSeed.batch_rows_per_s_ratio.toFixed(2)}× parallel / ${sSeed.batch_single_thread_ratio.toFixed(2)}× 1 thread (${sSeed.batch_single_thread_cpu_ratio.toFixed(2)}× per cpu-s); ES: fit ${sEs.fit_time_ratio.toFixed(2)} (cpu ${sEs.fit_cpu_time_ratio.toFixed(2)}), batch ${sEs.batch_rows_per_s_ratio.toFixed(2)}× parallel / ${sEs.batch_single_thread_ratio.toFixed(2)}× 1 thread (${sEs.batch_single_thread_cpu_ratio.toFixed(2)}× per cpu-s)`);
  // the live anchor and this process see different moments of a shared machine: put both sides next to the
  // stored anchor figures too, so a ratio that only reflects contention during one side's run stands out
  const stored = readAnchor(join(ANCHORS, 'results', 'telco_train.json'));
  const s0 = stored.hgb_seed;
  const s1 = stored.hgb_seed_es;
  const vsStored = {
    seed_fit_time_vs_stored_ratio: seed.fit_s / s0.fit_s,
    es_fit_time_vs_stored_ratio: es.fit_s / s1.fit_s,
    seed_batch_parallel_vs_stored_ratio: seed.rows_per_s_parallel / s0.rows_per_s,
    es_batch_parallel_vs_stored_ratio: es.rows_per_s_parallel / s1.rows_per_s,
    sklearn_live_over_stored_seed_fit_ratio: a0.fit_s / s0.fit_s,
    sklearn_live_over_stored_seed_batch_ratio: a0.rows_per_s / s0.rows_per_s,
    sklearn_live_over_stored_es_batch_ratio: a1.rows_per_s / s1.rows_per_s,
  };
  console.log(
    `vs the stored anchor (${join(ANCHORS, 'results', 'telco_train.json')}): seed fit ${vsStored.seed_fit_time_vs_stored_ratio.toFixed(2)}, batch ${vsStored.seed_batch_parallel_vs_stored_ratio.toFixed(2)}× parallel; ES fit ${vsStored.es_fit_time_vs_stored_ratio.toFixed(2)}, batch ${vsStored.es_batch_parallel_vs_stored_ratio.toFixed(2)}× parallel; sklearn live / stored: seed fit ${vsStored.sklearn_live_over_stored_seed_fit_ratio.toFixed(2)}, batch rows/s seed ${vsStored.sklearn_live_over_stored_seed_batch_ratio.toFixed(2)}, ES ${vsStored.sklearn_live_over_stored_es_batch_ratio.toFixed(2)}`,
  );
  console.log('\ngoals:', Object.entries(goals).map(([k, v]) => `${k}=${v ? 'ok' : 'MISSED'}`).join(' '));
  const json = {
    anchor_source: anchors.source.startsWith('ran') ? 'live' : 'stored',
    quick: QUICK,
    seed_n_iter: seed.n_iter,
    seed_roc_auc: seed.roc_auc,
    seed_f1: seed.f1,
    seed_fit_s: seed.fit_s,
    seed_fit_cpu_s: seed.fit_cpu_s,
    seed_batch_rows_per_cpu_s: seed.rows_per_cpu_s,
    seed_batch_rows_per_s: seed.rows_per_s,
    seed_single_p50_us: seed.p50,
    seed_single_p95_us: seed.p95,
    seed_single_p99_us: seed.p99,
    es_n_iter: es.n_iter,
    es_roc_auc: es.roc_auc,
    es_f1: es.f1,
    es_fit_s: es.fit_s,
    es_fit_cpu_s: es.fit_cpu_s,
    es_batch_rows_per_cpu_s: es.rows_per_cpu_s,
    es_batch_rows_per_s: es.rows_per_s,
    es_single_p50_us: es.p50,
    es_single_p95_us: es.p95,
    es_single_p99_us: es.p99,
    synthetic_rows: syn.rows,
    synthetic_features: syn.features,
    synthetic_fit_s: syn.fit_s,
    synthetic_peak_rss_mb: syn.peak_rss_mb,
    synthetic_n_iter: syn.n_iter,
    synthetic_fit_cpu_s: syn.cpu_s,
    seed_auc_ratio: seed.roc_auc / a0.roc_auc,
    es_auc_ratio: es.roc_auc / a1.roc_auc,
    seed_fit_time_ratio: seed.fit_s / a0.fit_s,
    es_fit_time_ratio: es.fit_s / a1.fit_s,
    seed_fit_warm_s: seed.fit_warm_s,
    es_fit_warm_s: es.fit_warm_s,
    seed_fit_first_s: seed.fit_first_s,
    seed_fit_warm_time_ratio: seed.fit_warm_s / a0.fit_s,
    es_fit_warm_time_ratio: es.fit_warm_s / a1.fit_s,
    seed_batch_throughput_ratio: seed.rows_per_s / a0.rows_per_s,
    seed_fit_cpu_time_ratio: seed.fit_cpu_s / a0.fit_s,
    es_fit_cpu_time_ratio: es.fit_cpu_s / a1.fit_s,
    seed_batch_cpu_throughput_ratio: seed.rows_per_cpu_s / a0.rows_per_s,
    es_batch_cpu_throughput_ratio: es.rows_per_cpu_s / a1.rows_per_s,
    es_batch_throughput_ratio: es.rows_per_s / a1.rows_per_s,
    seed_single_p95_ratio: seed.p95 / a0.p95,
    es_single_p95_ratio: es.p95 / a1.p95,
    ...vsStored,
    seed_batch_rows_per_s_parallel: seed.rows_per_s_parallel,
    es_batch_rows_per_s_parallel: es.rows_per_s_parallel,
    batch_threads: seed.threads,
    seed: { ...sSeed, goals: { fit: goals.fit_le_sklearn_seed, batch: goals.batch_ge_2x_sklearn_seed, p99: goals.p99_le_50us_200_trees } },
    es: { ...sEs, goals: { fit: goals.fit_le_sklearn_es, batch: goals.batch_ge_2x_sklearn_es } },
    goals,
  };
  console.log(JSON.stringify(json));
}
