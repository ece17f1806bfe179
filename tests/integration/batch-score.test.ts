/**
 * Batch scoring of 100k synthetic customers against a real PostgreSQL: each customer scored exactly once, scores
 * equal to the prediction API's, idempotent reruns (the new batch replaces the old atomically), and shards whose
 * union equals the whole.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const N = 100_000;
let t: TestDatabase;
let dataDir: string;
let projectId: string;
let bigSnapshot: string;
let userId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-batch-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  const p = await createProject(userId, { name: 'Batch' });
  projectId = p.id;
  const train = await createSnapshot({ projectId, origin: 'upload', name: 'train', table: syntheticCustomers(4000, 7, 'T'), target: 'churned', positive: 'yes' });
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(trainJob, { projectId, snapshotId: train.snapshot.id, family: 'gbdt', params: { max_iter: 30 } }, { projectId });
  const { runId } = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string };
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  await registerRun({ id: userId, role: 'scientist' }, { id: p.id, slug: p.slug }, { runId, modelName: 'batch-model' });
  await setAlias(null, 'batch-model', { alias: 'champion', version: 1, reason: 'test' });
  bigSnapshot = (await createSnapshot({ projectId, origin: 'upload', name: 'all customers', table: syntheticCustomers(N, 99), target: 'churned', positive: 'yes' })).snapshot.id;
}, 300_000);

afterAll(async () => {
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function scores(batchId: string) {
  const { db } = await import('@/lib/server/db/client');
  const rows = await db().customerScore.findMany({ where: { batchId }, select: { customerId: true, probability: true, decile: true, label: true, reasons: true } });
  return new Map(rows.map((r) => [r.customerId, r]));
}

describe('batch scoring', () => {
  let first: string;

  it('scores each of 100k customers exactly once, with deciles, labels, reasons for the riskiest and exports', async () => {
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    const r = await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: bigSnapshot, batchDate: '2026-11-01' }), { jobId: null, createdById: userId });
    expect(r).toMatchObject({ rows: N, finalized: true, status: 'succeeded', modelName: 'batch-model', modelVersion: 1 });
    first = r.batchId;
    const s = await scores(first);
    expect(s.size).toBe(N);
    for (let i = 0; i < N; i += 997) expect(s.has(`C${String(i).padStart(8, '0')}`)).toBe(true);
    const { db } = await import('@/lib/server/db/client');
    const batch = await db().scoreBatch.findUniqueOrThrow({ where: { id: first } });
    const stats = batch.stats as { customers: number; explained: number; deciles: { decile: number; customers: number; minProbability: number; maxProbability: number }[] };
    expect(stats.customers).toBe(N);
    expect(stats.explained).toBe(10_000);
    expect(stats.deciles.map((d) => d.customers)).toEqual(new Array(10).fill(10_000));
    for (let d = 1; d < 10; d++) expect(stats.deciles[d].minProbability).toBeGreaterThanOrEqual(stats.deciles[d - 1].maxProbability);
    const threshold = (await db().modelVersion.findFirstOrThrow({ where: { version: 1 } })).threshold;
    for (const row of [...s.values()].slice(0, 2000)) {
      expect(row.label).toBe(row.probability >= threshold ? 1 : 0);
      if (row.decile === 10) expect(row.reasons).not.toBeNull();
      if (row.decile <= 8) expect(row.reasons).toBeNull();
    }
    // exports
    const { contentPath } = await import('@/lib/server/storage/content-store');
    const pq = await readFile(contentPath('exports', batch.parquetHash!, 'parquet'));
    const objs = (await parquetReadObjects({ file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength), columns: ['customer_id', 'probability', 'decile'] })) as { customer_id: string; probability: number; decile: number }[];
    expect(objs).toHaveLength(N);
    expect(objs[0].decile).toBe(10);
    expect(objs[0].probability).toBe(Math.max(...[...s.values()].map((x) => x.probability)));
    const csv = await readFile(contentPath('exports', batch.csvHash!, 'csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('customer_id,probability,decile,label,top_reasons,model,model_version,batch_id,scored_at');
    expect(csv.split('\r\n').length).toBe(N + 2);
  }, 300_000);

  it('scores equal the prediction API for a sample of customers', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const table = syntheticCustomers(N, 99);
    const served = await resolveServed('batch-model', 'champion');
    const s = await scores(first);
    const cols = table.columnNames();
    // Spread over all customers, plus the 20 riskiest (whose reasons the batch explained on several threads).
    const ids = table.array('customer_id');
    const rowOf = new Map<string, number>();
    for (let i = 0; i < N; i++) rowOf.set(String(ids[i]), i);
    const riskiest = [...s.entries()].sort((a, b) => b[1].probability - a[1].probability).slice(0, 20).map(([id]) => rowOf.get(id)!);
    const sample = [...Array.from({ length: 60 }, (_, k) => (k * 1663) % N), ...riskiest];
    const records = sample.map((i) => Object.fromEntries(cols.map((c) => {
      const v = table.array(c)[i];
      return [c, typeof v === 'number' && Number.isNaN(v) ? null : v];
    })));
    const res = predict(served, 'champion', { customers: records });
    let explained = 0;
    res.predictions.forEach((p, k) => {
      const row = s.get(String(records[k].customer_id))!;
      expect(p.id).toBe(records[k].customer_id);
      expect(row.probability).toBe(p.probability);
      expect(row.label).toBe(p.label);
      if (row.reasons) {
        explained++;
        expect(row.reasons).toEqual(p.reasons);
      }
    });
    expect(explained).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('a rerun of the same date and version replaces the batch atomically', async () => {
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    const r = await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: bigSnapshot, batchDate: '2026-11-01' }), { jobId: null, createdById: userId });
    expect(r.batchId).not.toBe(first);
    const { db } = await import('@/lib/server/db/client');
    const batches = await db().scoreBatch.findMany({ where: { projectId, batchDate: '2026-11-01' }, orderBy: { createdAt: 'asc' } });
    expect(batches.map((b) => b.status)).toEqual(['replaced', 'succeeded']);
    expect(await db().customerScore.count({ where: { batchId: first } })).toBe(0);
    // Each batch is its own partition of CustomerScore: the replaced one's table is gone, the new one attached.
    const tables = async () => (await db().$queryRawUnsafe<{ relname: string }[]>(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"CustomerScore"'::regclass`)).map((t) => t.relname);
    expect(await tables()).toContain(`CustomerScore_${r.batchId}`);
    expect(await tables()).not.toContain(`CustomerScore_${first}`);
    const a = await scores(r.batchId);
    expect(a.size).toBe(N);
    first = r.batchId;
  }, 300_000);

  it('a failed batch leaves no table behind, and tables of deleted batches are dropped', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { failBatch } = await import('@/lib/server/scoring/batch-score');
    const { ensureScoreTable, dropOrphanScoreTables, scoreTableName } = await import('@/lib/server/scoring/score-tables');
    const exists = async (id: string) => (await db().$queryRawUnsafe<{ r: string | null }[]>(`SELECT to_regclass($1)::text AS r`, `"${scoreTableName(id)}"`))[0].r !== null;
    const mk = () => db().scoreBatch.create({ data: { projectId, modelName: 'm', versionId: 'v', modelVersion: 1, batchDate: '2026-10-01', snapshotId: bigSnapshot } });
    const failing = await mk();
    await db().$transaction((tx) => ensureScoreTable(tx, failing.id));
    expect(await exists(failing.id)).toBe(true);
    await failBatch(failing.id, 'shard 0 gave up');
    expect(await exists(failing.id)).toBe(false);
    expect((await db().scoreBatch.findUniqueOrThrow({ where: { id: failing.id } })).status).toBe('failed');
    const orphan = await mk();
    await db().$transaction((tx) => ensureScoreTable(tx, orphan.id));
    await db().scoreBatch.delete({ where: { id: orphan.id } });
    expect(await dropOrphanScoreTables()).toBeGreaterThanOrEqual(1);
    expect(await exists(orphan.id)).toBe(false);
    // A live batch's table survives the sweep.
    expect(await exists(first)).toBe(true);
    expect(() => scoreTableName('x"; DROP TABLE "User')).toThrow(RangeError);
  });

  it('shards (run in any order) merge into one batch equal to the unsharded one', async () => {
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    const results = [];
    for (const shard of [2, 0, 1]) {
      results.push(await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: bigSnapshot, batchDate: '2026-11-02', shard, shards: 3 }), { jobId: null, createdById: userId }));
    }
    expect(new Set(results.map((r) => r.batchId)).size).toBe(1);
    expect(results.map((r) => r.finalized)).toEqual([false, false, true]);
    expect(results.reduce((a, r) => a + r.rows, 0)).toBe(N);
    const whole = await scores(first);
    const sharded = await scores(results[0].batchId);
    expect(sharded.size).toBe(N);
    let mismatches = 0;
    for (const [id, w] of whole) {
      const s = sharded.get(id);
      if (!s || s.probability !== w.probability || s.decile !== w.decile || s.label !== w.label) mismatches++;
    }
    expect(mismatches).toBe(0);
    // the exports list the same customers in the same order (highest risk first) with the same scores
    const { db } = await import('@/lib/server/db/client');
    const { contentPath } = await import('@/lib/server/storage/content-store');
    const csvOf = async (id: string) => {
      const b = await db().scoreBatch.findUniqueOrThrow({ where: { id } });
      return (await readFile(contentPath('exports', b.csvHash!, 'csv'), 'utf8')).split('\r\n').map((l) => l.split(',').slice(0, 4).join(','));
    };
    const [a, b] = [await csvOf(first), await csvOf(results[0].batchId)];
    expect(b.length).toBe(N + 2);
    expect(b).toEqual(a);
    // every attached batch table has exactly its primary key and probability index: attaching built none of its own
    const indexes = await db().$queryRawUnsafe<{ table: string; n: number; pk: number }[]>(
      `SELECT c.relname AS table, count(*)::int AS n, count(*) FILTER (WHERE i.indisprimary)::int AS pk
         FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid JOIN pg_index i ON i.indrelid = c.oid
        WHERE h.inhparent = '"CustomerScore"'::regclass GROUP BY c.relname`,
    );
    expect(indexes.length).toBeGreaterThanOrEqual(2);
    for (const t of indexes) expect(t, t.table).toMatchObject({ n: 2, pk: 1 });
  }, 300_000);

  it('ties in probability go by customer id when ids are not stored in order: whole and sharded deciles agree', async () => {
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const { selectRows } = await import('@/lib/data/sample');
    const { tableFromColumns } = await import('@/lib/data/table');
    // 3,000 customers who are 37 distinct ones repeated (tie groups of ~81 straddle every decile edge), with unique
    // ids that do not ascend with the rows
    const m = 3000;
    const base = selectRows(syntheticCustomers(37, 5, 'S'), Uint32Array.from({ length: m }, (_, r) => r % 37));
    const cols: Record<string, unknown[] | Float64Array> = {};
    for (const c of base.columnNames()) cols[c] = c === 'customer_id' ? Array.from({ length: m }, (_, r) => `S${String((r * 1103) % m).padStart(5, '0')}`) : (base.array(c) as unknown[] | Float64Array);
    const shuffled = (await createSnapshot({ projectId, origin: 'upload', name: 'shuffled', table: tableFromColumns(cols) })).snapshot.id;
    const whole = await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: shuffled, batchDate: '2026-11-03' }), { jobId: null, createdById: userId });
    for (const shard of [1, 0]) await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: shuffled, batchDate: '2026-11-04', shard, shards: 2 }), { jobId: null, createdById: userId });
    const { db } = await import('@/lib/server/db/client');
    const shardedId = (await db().scoreBatch.findFirstOrThrow({ where: { projectId, batchDate: '2026-11-04', status: 'succeeded' } })).id;
    const [a, b] = [await scores(whole.batchId), await scores(shardedId)];
    expect(b.size).toBe(m);
    expect(new Set([...a.values()].map((r) => r.probability)).size).toBeLessThanOrEqual(37);
    let mismatches = 0;
    for (const [id, w] of a) if (b.get(id)?.decile !== w.decile) mismatches++;
    expect(mismatches).toBe(0);
  }, 300_000);

  it('refuses clearly when there is nothing to score with', async () => {
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    await expect(runBatchScore(batchScorePayload.parse({ projectId, alias: 'challenger' }), { jobId: null, createdById: null })).rejects.toThrow(/no challenger/);
    expect(() => batchScorePayload.parse({ projectId, shard: 3, shards: 3 })).toThrow(/shard/);
  });
});
