/**
 * npm run bench:batch -- [--rows 1000000] [--train-rows 20000] [--reasons 0.1]
 * Batch scoring of N synthetic customers with a seed-params GBDT champion (200 trees): snapshot loaded, features
 * applied, scored (parallel threads), TreeSHAP reasons for the riskiest, rows written to PostgreSQL, deciles,
 * stats, Parquet + CSV exports. Prints time per phase, rows/s and peak RSS; where /usr/bin/python3 has
 * scikit-learn and pandas, times sklearn's predict_proba with the same model size on the same rows.
 * Uses DATABASE_URL, or an embedded PostgreSQL in a temporary directory. Last line: one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toCsv } from '@/lib/data/codecs/csv-safe';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import type { TableLike } from '@/lib/data/table';
import { startEmbeddedPostgres } from '@/lib/server/db/embedded-postgres';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'train-rows': { type: 'string', default: '20000' }, reasons: { type: 'string', default: '0.1' }, 'reasons-max': { type: 'string', default: '20000' } } });
const N = Number(values.rows);
const TRAIN = Number(values['train-rows']);

const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-bench-batch-'));
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir, database: 'bench_batch' });
const url = process.env.DATABASE_URL ?? embedded!.url;
process.env.DATABASE_URL = url;
process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
process.env.DATA_DIR = dir;
const { applyMigrations } = await import('@/lib/server/db/schema-engine');
await applyMigrations(url);
const { db } = await import('@/lib/server/db/client');

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

function tableCsv(t: TableLike): string {
  const cols = t.columnNames();
  const arrays = cols.map((c) => t.array(c));
  return toCsv(
    cols,
    (function* () {
      for (let i = 0; i < t.numRows(); i++) yield arrays.map((a) => (typeof a[i] === 'number' && Number.isNaN(a[i]) ? null : a[i]));
    })(),
  );
}

try {
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
  const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
  const userId = (await createUser({ email: 'bench@example.com', password: 'bench-password', role: 'scientist' })).id;
  const p = await createProject(userId, { name: 'Bench batch' });
  const trainTable = syntheticCustomers(TRAIN, 7, 'T');
  const train = await createSnapshot({ projectId: p.id, origin: 'upload', name: 'train', table: trainTable, target: 'churned', positive: 'yes' });
  const seed = { max_depth: 10, learning_rate: 0.1, max_iter: 200, min_samples_leaf: 50, l2_regularization: 0.1, random_state: 42, early_stopping: false };
  console.error(`training the seed-params GBDT on ${TRAIN} rows…`);
  const job = await enqueueJob(trainJob, { projectId: p.id, snapshotId: train.snapshot.id, family: 'gbdt', params: seed }, { projectId: p.id });
  const { runId } = (await runJob(trainJob, job.id, { workerId: 'bench', log: () => {} })) as { runId: string };
  await registerRun({ id: userId, role: 'scientist' }, { id: p.id, slug: p.slug }, { runId, modelName: 'bench-model' });
  await setAlias(null, 'bench-model', { alias: 'champion', version: 1, reason: 'bench' });
  console.error(`writing the ${N.toLocaleString('en-US')}-customer snapshot…`);
  const big = syntheticCustomers(N, 99);
  const snap = await createSnapshot({ projectId: p.id, origin: 'upload', name: 'all', table: big });
  const trees = ((await db().run.findUniqueOrThrow({ where: { id: runId } })).params as { max_iter: number }).max_iter;

  console.error('scoring…');
  const timings: Record<string, number> = {};
  const rss0 = process.memoryUsage().rss;
  peakRss = rss0;
  // BENCH_PROFILE=<file>: a CPU profile of the batch's main thread (the critical path) while it scores
  const { Session } = await import('node:inspector/promises');
  const inspector = process.env.BENCH_PROFILE ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const t0 = performance.now();
  const r = await runBatchScore(batchScorePayload.parse({ projectId: p.id, snapshotId: snap.snapshot.id, batchDate: '2026-11-28', reasonsTopFraction: Number(values.reasons), reasonsMax: Number(values['reasons-max']) }), { jobId: null, createdById: userId, timings });
  const seconds = (performance.now() - t0) / 1000;
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    await writeFile(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    inspector.disconnect();
  }
  const written = await db().customerScore.count({ where: { batchId: r.batchId } });
  if (written !== N) throw new Error(`expected ${N} scores, found ${written}`);
  // Scoring alone, for the comparison with sklearn's predict_proba (timed on its already-preprocessed matrix): the
  // champion's trees on the snapshot's model matrix, every core, threads started beforehand as sklearn's are. In
  // the batch itself scoring overlaps the transform, so no phase of it is the scoring time.
  const { loadModelVersion } = await import('@/lib/server/serving/load-version');
  const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
  const { ParallelGbdtPredictor, allocSharedRows } = await import('@/lib/server/ml/parallel-predict');
  const served = await loadModelVersion((await db().modelVersion.findFirstOrThrow({ where: { runId } })).id);
  const { data } = await loadSnapshotTable(snap.snapshot.id);
  const Xall = served.scorer.transformTable(data.table, (len) => allocSharedRows(len, 1)).X;
  const scorer = await ParallelGbdtPredictor.create(served.scorer.gbdtModel!);
  let predictSeconds = Infinity;
  try {
    await scorer.predictProbaBatch(Xall, Math.min(N, 10_000));
    for (let rep = 0; rep < 3; rep++) {
      const tp = performance.now();
      await scorer.predictProbaBatch(Xall, N);
      predictSeconds = Math.min(predictSeconds, (performance.now() - tp) / 1000);
    }
  } finally {
    await scorer.close();
  }
  const predictRowsPerS = N / predictSeconds;
  // how the reasons were explained: trees from leaf tables, trees left to Linear TreeSHAP
  const { runArtifact } = await import('@/lib/server/training/runs');
  const { GbdtModel } = await import('@/lib/ml/gbdt');
  const { LeafTableTreeShap } = await import('@/lib/ml/explain/tree-shap-leaf-tables');
  const explainer = new LeafTableTreeShap(GbdtModel.fromJSON(JSON.parse((await runArtifact(runId, 'model')).body.toString())));
  const shapInfo = { tabled: explainer.treesTabled, linear: explainer.treesLinear, mb: (explainer.tableSize * 8) / 1e6 };

  // scikit-learn: predict_proba with the same model size on the same rows (one-hot as the model's features).
  let sk: { predict_s: number; rows_per_s: number; n_iter: number } | null = null;
  let skNote = '';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, pandas'], { encoding: 'utf8' });
  if (probe.status === 0) {
    console.error('running scikit-learn side by side…');
    await writeFile(path.join(dir, 'train.csv'), tableCsv(trainTable));
    await writeFile(path.join(dir, 'score.csv'), tableCsv(big));
    const py = `
import json, time, pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
tr = pd.read_csv(${JSON.stringify(path.join(dir, 'train.csv'))}); sc = pd.read_csv(${JSON.stringify(path.join(dir, 'score.csv'))})
y = (tr.pop('churned') == 'yes').astype(int); sc.pop('churned')
tr = tr.drop(columns=['customer_id']); sc = sc.drop(columns=['customer_id'])
Xtr = pd.get_dummies(tr, dtype=float); Xsc = pd.get_dummies(sc, dtype=float).reindex(columns=Xtr.columns, fill_value=0.0)
m = HistGradientBoostingClassifier(max_depth=10, learning_rate=0.1, max_iter=200, min_samples_leaf=50, l2_regularization=0.1, random_state=42, early_stopping=False).fit(Xtr, y)
A = Xsc.to_numpy(dtype=float)
best = 1e9
for _ in range(3):
    t = time.perf_counter(); m.predict_proba(A); best = min(best, time.perf_counter() - t)
print(json.dumps({"predict_s": best, "rows_per_s": len(A) / best, "n_iter": int(m.n_iter_)}))
`;
    const out = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(os.availableParallelism()) }, maxBuffer: 1 << 24 });
    if (out.status === 0) sk = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
    else skNote = `sklearn run failed: ${out.stderr.slice(-300)}`;
  } else skNote = 'skipped: /usr/bin/python3 cannot import sklearn and pandas';

  clearInterval(rssTimer);
  // TreeSHAP of the riskiest runs in the worker threads while the other rows are written: `write` includes it, and
  // `shap_wait` is the time the COPY then still waited for the reasons (`reasons`: explained without threads)
  const phases = ['load', 'transform', 'threads', 'predict', 'rank', 'reasons', 'write', 'shap_wait', 'finalize_sql', 'exports', 'index', 'publish'];
  console.log(`\nBatch scoring benchmark — ${N.toLocaleString('en-US')} synthetic customers, GBDT with ${trees} trees, ${os.availableParallelism()} cores\n`);
  console.log('| phase | seconds |');
  console.log('|---|---|');
  for (const ph of phases) console.log(`| ${ph} | ${((timings[ph] ?? 0) / 1000).toFixed(2)} |`);
  console.log(`| **total** | **${seconds.toFixed(2)}** |`);
  console.log(`\nreasons: TreeSHAP leaf tables for ${shapInfo.tabled} trees (${shapInfo.mb.toFixed(1)} MB), Linear TreeSHAP for ${shapInfo.linear}`);
  console.log(`rows/s end to end: ${(N / seconds).toFixed(0)}; scoring only: ${predictRowsPerS.toFixed(0)} rows/s; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (before: ${(rss0 / 2 ** 20).toFixed(0)} MB)`);
  console.log(sk ? `scikit-learn predict_proba (same data, ${sk.n_iter} trees, all cores): ${sk.rows_per_s.toFixed(0)} rows/s → ratio ${(predictRowsPerS / sk.rows_per_s).toFixed(2)}` : `scikit-learn: ${skNote}`);
  console.log(`goals: total ≤ 10 s: ${seconds <= 10 ? 'met' : 'missed'}; scoring ≥ 2× sklearn: ${sk ? (predictRowsPerS / sk.rows_per_s >= 2 ? 'met' : 'missed') : 'n/a'}\n`);
  console.log(
    JSON.stringify({
      rows: N,
      trees,
      seconds: Number(seconds.toFixed(3)),
      rows_per_s: Math.round(N / seconds),
      phases_s: Object.fromEntries(phases.map((ph) => [ph, Number(((timings[ph] ?? 0) / 1000).toFixed(3))])),
      predict_rows_per_s: Math.round(predictRowsPerS),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
      shap_trees_tabled: shapInfo.tabled,
      shap_trees_linear: shapInfo.linear,
      shap_tables_mb: Number(shapInfo.mb.toFixed(1)),
      sklearn_predict_rows_per_s: sk ? Math.round(sk.rows_per_s) : null,
      predict_vs_sklearn_ratio: sk ? Number((predictRowsPerS / sk.rows_per_s).toFixed(3)) : null,
      goal_total_10s_met: seconds <= 10,
      goal_2x_sklearn_met: sk ? predictRowsPerS / sk.rows_per_s >= 2 : null,
    }),
  );
} finally {
  clearInterval(rssTimer);
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
  await db().$disconnect();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
