/**
 * Batch scoring: every customer of a snapshot scored with a served version (champion by default) → one
 * ScoreBatch with a CustomerScore row per customer (probability, decile, label, top reasons for the riskiest),
 * plus Parquet and CSV exports.
 *
 * - Sharded: shard i of n scores rows [⌊iN/n⌋, ⌊(i+1)N/n⌋) of the snapshot; shards of one batch date and model
 *   version join one running batch, and the last shard to finish finalizes it (deciles over the whole batch,
 *   stats, exports).
 * - Idempotent per (batch date, model version): a rerun builds a new batch and, when complete, replaces the old
 *   one in a single transaction (readers see either the old or the new batch, never a mix). A retried shard
 *   deletes its own rows first.
 * - Deciles follow PostgreSQL's ntile(10) over (probability, customer id) ascending: 10 = highest risk.
 */
import { availableParallelism } from 'node:os';
import { utf8Column } from '@/lib/data/codecs/utf8-column';
import { rowRange } from '@/lib/data/sample';
import { argsortAsc } from '@/lib/ml/math/argsort';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { driftJob } from '@/lib/server/monitoring/drift-job';
import { AppError } from '@/lib/server/errors';
import { ParallelGbdtPredictor } from '@/lib/server/ml/parallel-predict';
import { loadModelVersion, type ServedModel } from '@/lib/server/serving/load-version';
import { getSnapshot, readSnapshotData } from '@/lib/server/snapshots/snapshots';
import { sharedArray } from '@/lib/server/threads/shared-array';
import { finalizeBatch, type PendingExports } from './batch-finalize';
import { explainRiskiest } from './batch-reasons';
import { startExportThread, type ExportThread, type ScoreColumns } from './score-exports';
import type { BatchScorePayload } from './batch-spec';
import { insertScores, ntile10, scoreColumns } from './score-rows';
import { idsUnique, shardKeys, tieBreak } from './shard-keys';
import { dropScoreTable, ensureScoreTable, scoreTableName } from './score-tables';

export interface BatchContext {
  jobId: string | null;
  createdById: string | null;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => Promise<void> | void;
  /** filled with milliseconds per phase when given (benchmarks) */
  timings?: Record<string, number>;
}

export interface BatchShardResult {
  batchId: string;
  shard: number;
  shards: number;
  rows: number;
  finalized: boolean;
  status: string;
  modelName: string;
  modelVersion: number;
  batchDate: string;
}

const PARALLEL_MIN_ROWS = 100_000;
/** Rows per block of a shard transformed while the worker threads score the blocks before it. */
const TRANSFORM_BLOCK_ROWS = 65_536;

async function resolveVersion(p: BatchScorePayload): Promise<ServedModel> {
  const models = await db().registeredModel.findMany({ where: { projectId: p.projectId, ...(p.modelName ? { name: p.modelName } : {}) }, include: { aliases: true }, orderBy: { createdAt: 'asc' } });
  if (p.modelName && models.length === 0) throw new AppError('not_found', `modelName: no model "${p.modelName}" in this project`);
  const withAlias = models.filter((m) => m.aliases.some((a) => a.alias === p.alias));
  if (withAlias.length === 0) throw new AppError('unprocessable', `no ${p.alias} to score with${p.modelName ? ` for "${p.modelName}"` : ''}: register a run and have an approver promote it`);
  if (withAlias.length > 1) throw new AppError('bad_request', `modelName: ${withAlias.length} models of this project have a ${p.alias}; name one`);
  return loadModelVersion(withAlias[0].aliases.find((a) => a.alias === p.alias)!.versionId);
}

async function resolveSnapshot(p: BatchScorePayload): Promise<string> {
  if (p.snapshotId) return p.snapshotId;
  const s = await db().snapshot.findFirst({ where: { projectId: p.projectId, archivedAt: null }, orderBy: { createdAt: 'desc' } });
  if (!s) throw new AppError('unprocessable', 'the project has no snapshot to score: ingest or upload data first');
  return s.id;
}

/** Explaining this many rows or more is spread over the predictor's threads. */
const PARALLEL_MIN_EXPLAIN = 512;

/** Joins the running batch of (project, date, version, shards) or starts one. Serialized by an advisory lock. */
async function joinBatch(tx: Prisma.TransactionClient, p: BatchScorePayload, served: ServedModel, snapshotId: string, batchDate: string, ctx: BatchContext) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`batch:${p.projectId}:${batchDate}:${served.versionId}`}))`;
  const running = await tx.scoreBatch.findFirst({ where: { projectId: p.projectId, batchDate, versionId: served.versionId, status: 'running', shards: p.shards, snapshotId } , orderBy: { createdAt: 'desc' } });
  if (running) {
    await ensureScoreTable(tx, running.id);
    return running;
  }
  const created = await tx.scoreBatch.create({
    data: { projectId: p.projectId, modelName: served.modelName, versionId: served.versionId, modelVersion: served.version, batchDate, snapshotId, shards: p.shards, jobId: ctx.jobId, createdById: ctx.createdById },
  });
  await ensureScoreTable(tx, created.id);
  return created;
}

/** Batches at least this large write their exports in a thread (below it, starting one costs more than it saves). */
const EXPORT_THREAD_MIN_ROWS = 50_000;

/** Scores one shard (all rows when shards = 1) and finalizes the batch when it is the last shard. */
export async function runBatchScore(p: BatchScorePayload, ctx: BatchContext): Promise<BatchShardResult> {
  let tMark = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    if (ctx.timings) ctx.timings[phase] = (ctx.timings[phase] ?? 0) + (now - tMark);
    tMark = now;
  };
  const progress = async (f: number, m: string) => {
    await ctx.progress?.(f, m);
  };
  await progress(0.02, 'loading the model and the snapshot');
  const served = await resolveVersion(p);
  const snapshot = await getSnapshot(await resolveSnapshot(p));
  if (snapshot.projectId !== p.projectId) throw new AppError('not_found', `snapshotId: no snapshot ${snapshot.id} in this project`);
  const batchDate = p.batchDate ?? new Date().toISOString().slice(0, 10);
  const N = snapshot.rowCount;
  const lo = Math.floor((p.shard * N) / p.shards);
  const hi = Math.floor(((p.shard + 1) * N) / p.shards);
  const n = hi - lo;
  const explainCount = Math.min(n, Math.ceil(n * p.reasonsTopFraction), Math.floor(p.reasonsMax / p.shards));
  const gbdt = served.scorer.gbdtModel;
  // One set of worker threads for the scores and the reasons of a large shard, booting (on the other cores)
  // while this thread reads the snapshot: a worker per core, so that the reasons can be computed by the workers
  // alone while this thread streams the scores to PostgreSQL.
  const booting = gbdt && (n >= PARALLEL_MIN_ROWS || explainCount >= PARALLEL_MIN_EXPLAIN) ? ParallelGbdtPredictor.create(gbdt, { threads: availableParallelism() + 1 }) : null;
  booting?.catch(() => {});
  // The only shard of a large batch writes its exports in a thread, started now too; it is given the scores when
  // they are ready.
  const exportThread: ExportThread | null = p.shards === 1 && n >= EXPORT_THREAD_MIN_ROWS ? startExportThread() : null;
  let par: ParallelGbdtPredictor | null = null;
  try {
    const idField = served.validator.idField;
    // the ids as UTF-8 bytes: they are only compared and copied into the scores, never needed as strings
    const data = await readSnapshotData(snapshot, { utf8Columns: idField ? [idField] : [] });
    if (data.rowCount !== N) throw new Error(`snapshot ${snapshot.id}: its file has ${data.rowCount} rows, its record ${N}`);
    const table = rowRange(data.table, lo, hi);
    lap('load');
    await progress(0.1, `transforming ${n.toLocaleString('en-US')} customers`);
    // A large shard is transformed in blocks of rows, each scored by the worker threads while this thread
    // transforms the next. The matrix is on shared memory when threads score it (no copy of it for them).
    const blocks = booting && n >= PARALLEL_MIN_ROWS ? Math.ceil(n / TRANSFORM_BLOCK_ROWS) : 1;
    let X: Float64Array | null = null;
    const blockProb = blocks > 1 ? sharedArray(Float64Array, n) : null;
    const blockScores: Promise<unknown>[] = [];
    try {
      for (let k = 0; k < blocks; k++) {
        const a = Math.floor((k * n) / blocks);
        const b = Math.floor(((k + 1) * n) / blocks);
        const m = served.scorer.transformTable(
          rowRange(table, a, b),
          !booting
            ? undefined
            : blocks === 1
              ? (len) => sharedArray(Float64Array, len)
              : (len) => {
                  const nf = len / (b - a);
                  X ??= sharedArray(Float64Array, n * nf);
                  return X.subarray(a * nf, a * nf + len);
                },
        );
        if (!blockProb || !booting) {
          X = m.X;
          continue;
        }
        const scored = booting.then((threads) => threads.predictProbaBatch(m.X, b - a, blockProb.subarray(a, b), { callerHelps: false }));
        scored.catch(() => {});
        blockScores.push(scored);
      }
    } catch (e) {
      if (e instanceof RangeError) throw new AppError('unprocessable', `snapshot "${snapshot.name}" does not fit model "${served.modelName}" v${served.version}: ${e.message}`);
      throw e;
    }
    if (!X) throw new Error('no model matrix');
    lap('transform');
    await progress(0.3, 'scoring');
    par = booting ? await booting : null;
    lap('threads');
    let prob: Float64Array;
    if (blockProb) {
      await Promise.all(blockScores);
      prob = blockProb;
    } else prob = par && n >= PARALLEL_MIN_ROWS ? await par.predictProbaBatch(X, n) : served.scorer.predictMatrix(X, n);
    lap('predict');
    const { keys, repeated } = shardKeys(data, idField, lo, hi, idsUnique(snapshot.profile, idField, N));
    // Risk order: probability ascending, ties by customer key.
    const order = argsortAsc(prob, tieBreak(keys));
    lap('rank');

    // Top reasons of the riskiest customers of this shard (by risk rank). With worker threads they are computed
    // there while this thread writes the other rows.
    if (explainCount > 0) await progress(0.45, `explaining the ${explainCount.toLocaleString('en-US')} riskiest customers`);
    const { reasons, explained } = explainRiskiest(served, table, X, order, explainCount, par, ctx.signal);
    if (explainCount > 0 && !par) lap('reasons');
    let decile: Int32Array | null = null;
    if (p.shards === 1) {
      decile = new Int32Array(n);
      for (let r = 0; r < n; r++) decile[order[r]] = ntile10(r, n);
    }

    await progress(0.6, 'writing scores');
    ctx.signal?.throwIfAborted();
    const batch = await db().$transaction((tx) => joinBatch(tx, p, served, snapshot.id, batchDate, ctx));
    // A retried shard replaces its own rows (the batch's table is not attached yet: nobody reads it). The only
    // shard of a batch replaces the whole table, which lets its rows land frozen (see copyRows' `replace`).
    const whole = p.shards === 1;
    const scores = scoreColumns(order, Array.isArray(keys) ? utf8Column(keys) : keys, prob, decile, served.threshold);
    let pending: PendingExports | undefined;
    // Once the reasons are known: the complete columns, and the only shard's exports, built in the thread while
    // the rest of the rows go to PostgreSQL.
    const completed = explained.then((): ScoreColumns => {
      const columns = { ...scores, reasons: utf8Column(reasons, { shared: true }) };
      if (exportThread) {
        const scoredAt = new Date().toISOString();
        const exports = exportThread.write({ id: batch.id, modelName: served.modelName, modelVersion: served.version }, columns, scoredAt);
        exports.catch(() => {});
        pending = { exports, scoredAt };
      }
      return columns;
    });
    completed.catch(() => {});
    if (!whole) await db().$executeRawUnsafe(`DELETE FROM "${scoreTableName(batch.id)}" WHERE shard = $1`, p.shard);
    // Rows go lowest probability first, so the explained ones come last: the COPY holds before them until the
    // reasons are in.
    const until = async () => {
      lap('write');
      await completed;
      lap('shap_wait');
    };
    await insertScores(batch.id, p.shard, scores, reasons, { signal: ctx.signal, replace: whole, pause: { at: n - explainCount, until } });
    lap('write');
    const columns = await completed;
    await par?.close();
    par = null;

    // Mark the shard done; the last one finalizes.
    const { done, shardsDone } = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "ScoreBatch" WHERE id = ${batch.id} FOR UPDATE`;
      const b = await tx.scoreBatch.findUniqueOrThrow({ where: { id: batch.id } });
      const set = [...new Set([...b.shardsDone, p.shard])].sort((x, y) => x - y);
      const stats = { ...(b.stats as Record<string, unknown>), [`shard${p.shard}`]: { rows: n, repeatedIds: repeated } };
      await tx.scoreBatch.update({ where: { id: batch.id }, data: { shardsDone: set, stats: stats as Prisma.InputJsonValue } });
      return { done: set.length === b.shards && b.status === 'running', shardsDone: set };
    });
    let status = 'running';
    if (done) {
      await progress(0.8, 'finalizing the batch: deciles, stats, exports');
      await finalizeBatch(batch.id, whole ? columns : null, lap, pending);
      status = 'succeeded';
      // Monitoring: a drift report of this batch against the champion's training reference (queued; never fails the batch).
      await enqueueJob(driftJob, { projectId: p.projectId, batchId: batch.id }, { projectId: p.projectId }).catch((e: unknown) => console.error('could not queue the drift report', e));
    }
    await progress(1, done ? 'batch complete' : `shard ${p.shard} done (${shardsDone.length} of ${p.shards})`);
    return { batchId: batch.id, shard: p.shard, shards: p.shards, rows: n, finalized: done, status, modelName: served.modelName, modelVersion: served.version, batchDate };
  } finally {
    exportThread?.close();
    // the threads, whether or not they got to work (closing twice is harmless)
    await (par ?? (await booting?.catch(() => null)))?.close();
  }
}

/** Marks a batch failed (a shard gave up for good); its rows go, earlier batches stay. */
export async function failBatch(batchId: string, error: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const n = await tx.scoreBatch.updateMany({ where: { id: batchId, status: 'running' }, data: { status: 'failed', error: error.slice(0, 2000), finishedAt: new Date() } });
    if (n.count > 0) await dropScoreTable(tx, batchId);
  });
}
