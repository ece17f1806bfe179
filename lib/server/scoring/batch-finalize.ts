/**
 * The last step of a score batch, once every shard has written its rows: deciles (when sharded), stats, the
 * Parquet and CSV exports, the two indexes of the batch's table, and the transaction that attaches that table as
 * the batch's partition and retires the earlier batch of the same date and version.
 */
import { utf8Column } from '@/lib/data/codecs/utf8-column';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { writeScoreExports, type ScoreColumns } from './score-exports';
import { attachScoreTable, dropOrphanScoreTables, dropScoreTable, indexScoreTable, scoreTableName } from './score-tables';

interface BatchStats {
  n: number;
  pos: number;
  mean: number | null;
  explained: number;
  byDecile: { decile: number; n: number; mean: number; min: number; max: number }[];
  /** 20 uniform probability bins */
  histogram: number[];
}

/** The batch's stats from its columns in memory (the single-shard path: no SQL pass over a million rows). */
function statsFromColumns(c: ScoreColumns): BatchStats {
  const hist = new Array<number>(20).fill(0);
  const dec = new Map<number, { n: number; sum: number; min: number; max: number }>();
  const n = c.probability.length;
  const explainedAt = c.reasons.valid;
  let pos = 0;
  let sum = 0;
  let explained = 0;
  for (let i = 0; i < n; i++) {
    const p = c.probability[i];
    pos += c.label[i];
    sum += p;
    if (explainedAt === null || explainedAt[i] === 1) explained++;
    hist[Math.min(Math.floor(p * 20), 19)]++;
    const d = dec.get(c.decile[i]);
    if (d) {
      d.n++;
      d.sum += p;
      if (p < d.min) d.min = p;
      if (p > d.max) d.max = p;
    } else dec.set(c.decile[i], { n: 1, sum: p, min: p, max: p });
  }
  const byDecile = [...dec.entries()].sort((a, b) => a[0] - b[0]).map(([decile, d]) => ({ decile, n: d.n, mean: d.sum / d.n, min: d.min, max: d.max }));
  return { n, pos, mean: n ? sum / n : null, explained, byDecile, histogram: hist };
}

/** The batch's rows read back from its table, highest risk first (the sharded path). */
async function columnsFromTable(table: string): Promise<ScoreColumns> {
  const rows = await db().$queryRawUnsafe<{ customerId: string; probability: number; decile: number; label: number; reasons: unknown }[]>(
    `SELECT "customerId", probability, decile, label, reasons FROM "${table}" ORDER BY probability DESC, "customerId" COLLATE "C" DESC`,
  );
  return {
    customerId: utf8Column(rows.map((r) => r.customerId)),
    probability: Float64Array.from(rows, (r) => r.probability),
    decile: Int32Array.from(rows, (r) => r.decile),
    label: Int32Array.from(rows, (r) => r.label),
    reasons: utf8Column(rows.map((r) => (r.reasons === null ? null : JSON.stringify(r.reasons)))),
  };
}

/** The batch's stats by SQL over its (not yet attached) table: the sharded path. */
async function statsFromTable(table: string): Promise<BatchStats> {
  const agg = await db().$queryRawUnsafe<{ n: bigint; pos: bigint | null; mean: number | null; explained: bigint }[]>(
    `SELECT count(*) AS n, sum(label) AS pos, avg(probability) AS mean, count(reasons) AS explained FROM "${table}"`,
  );
  const byDecile = await db().$queryRawUnsafe<{ decile: number; n: bigint; mean: number; min: number; max: number }[]>(
    `SELECT decile, count(*) AS n, avg(probability) AS mean, min(probability) AS min, max(probability) AS max FROM "${table}" GROUP BY decile ORDER BY decile`,
  );
  const hist = await db().$queryRawUnsafe<{ bin: number; n: bigint }[]>(`SELECT least(floor(probability * 20)::int, 19) AS bin, count(*) AS n FROM "${table}" GROUP BY 1 ORDER BY 1`);
  const histogram = new Array<number>(20).fill(0);
  for (const h of hist) histogram[h.bin] = Number(h.n);
  return {
    n: Number(agg[0].n),
    pos: Number(agg[0].pos ?? 0),
    mean: agg[0].mean,
    explained: Number(agg[0].explained),
    byDecile: byDecile.map((d) => ({ decile: d.decile, n: Number(d.n), mean: d.mean, min: d.min, max: d.max })),
    histogram,
  };
}

/**
 * Deciles (when sharded), stats, exports, indexes; then, in one transaction, the batch's table is attached as its
 * partition and earlier batches of the same date and version are dropped and marked replaced.
 */
/** Exports already being written (by the single shard, while it wrote its rows) and the time they carry. */
export interface PendingExports {
  exports: Promise<{ parquetHash: string; csvHash: string }>;
  scoredAt: string;
}

/**
 * @param memory the batch's scores in export order when this process has them all (single shard), else null
 * @param pending exports started earlier from `memory`; written here when absent or when they failed
 */
export async function finalizeBatch(batchId: string, memory: ScoreColumns | null, lap: (phase: string) => void = () => {}, pending?: PendingExports): Promise<void> {
  const batch = await db().scoreBatch.findUniqueOrThrow({ where: { id: batchId } });
  const table = scoreTableName(batchId);
  if (batch.shards > 1) {
    // Fresh rows have no statistics yet: without them the planner may pick a nested loop for the join below.
    await db().$executeRawUnsafe(`ANALYZE "${table}"`);
    await db().$executeRawUnsafe(
      `UPDATE "${table}" cs SET decile = r.d FROM (
         SELECT "customerId", ntile(10) OVER (ORDER BY probability, "customerId" COLLATE "C") AS d FROM "${table}"
       ) r WHERE cs."customerId" = r."customerId"`,
    );
  }
  // PostgreSQL sorts the two indexes while this process computes the stats and writes the exports.
  const indexing = indexScoreTable(batchId);
  indexing.catch(() => {});
  const agg = memory ? statsFromColumns(memory) : await statsFromTable(table);
  const columns = memory ?? (await columnsFromTable(table));
  lap('finalize_sql');
  const scoredAt = pending?.scoredAt ?? new Date().toISOString();
  const exports = pending
    ? await pending.exports.catch((e: unknown) => {
        console.error(`batch ${batch.id}: the export thread failed (${(e as Error).message}); writing the exports here`);
        return writeScoreExports(batch, columns, scoredAt);
      })
    : await writeScoreExports(batch, columns, scoredAt);
  lap('exports');
  await indexing;
  lap('index');
  const count = agg.n;
  const stats = {
    customers: count,
    positives: agg.pos,
    positiveRate: count ? agg.pos / count : 0,
    meanProbability: agg.mean ?? 0,
    explained: agg.explained,
    deciles: agg.byDecile.map((d) => ({ decile: d.decile, customers: d.n, meanProbability: d.mean, minProbability: d.min, maxProbability: d.max })),
    histogram: { bins: 20, counts: agg.histogram },
    scoredAt,
  };
  await db().$transaction(
    async (tx) => {
      await attachScoreTable(tx, batch.id);
      const old = await tx.scoreBatch.findMany({ where: { projectId: batch.projectId, batchDate: batch.batchDate, versionId: batch.versionId, status: 'succeeded', NOT: { id: batch.id } }, select: { id: true } });
      for (const o of old) await dropScoreTable(tx, o.id);
      if (old.length) await tx.scoreBatch.updateMany({ where: { id: { in: old.map((o) => o.id) } }, data: { status: 'replaced' } });
      await tx.scoreBatch.update({ where: { id: batch.id }, data: { status: 'succeeded', rowCount: count, stats: stats as Prisma.InputJsonValue, ...exports, finishedAt: new Date() } });
    },
    { timeout: 60_000 },
  );
  lap('publish');
  await dropOrphanScoreTables().catch((e: unknown) => console.error('could not drop orphaned score tables', e));
}
