/**
 * One score batch joined with its snapshot's raw rows, held in memory: every customer's probability, decile,
 * label, stored reasons and snapshot row. The snapshot table is loaded once per snapshot and the frame once per
 * batch (a succeeded batch never changes), both in small LRU caches.
 */
import type { InputFieldDTO, ReasonDTO, ScoreBatchDTO } from '@/lib/api/dto';
import type { TableLike } from '@/lib/data/table';
import { customerKeys, type ColumnInfo } from '@/lib/dashboards';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getBatch } from '@/lib/server/scoring/batches';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';

export interface BatchFrame {
  batch: ScoreBatchDTO;
  threshold: number;
  runId: string;
  reference: number[];
  inputSchema: InputFieldDTO[];
  /** the schema fields that exist in the snapshot (segments and values are read from these) */
  columns: ColumnInfo[];
  table: TableLike;
  n: number;
  customerIds: string[];
  probability: Float64Array;
  decile: Int32Array;
  label: Uint8Array;
  reasons: (ReasonDTO[] | null)[];
  /** snapshot row of each customer, −1 when the key is not in the snapshot */
  row: Int32Array;
  index: Map<string, number>;
}

class Lru<V> {
  private readonly m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    while (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
  delete(k: string): void {
    this.m.delete(k);
  }
}

const tables = new Lru<Promise<TableLike>>(3);
const frames = new Lru<Promise<BatchFrame>>(12);

function snapshotTable(snapshotId: string): Promise<TableLike> {
  let p = tables.get(snapshotId);
  if (!p) {
    p = loadSnapshotTable(snapshotId).then((s) => s.data.table);
    p.catch(() => tables.delete(snapshotId));
    tables.set(snapshotId, p);
  }
  return p;
}

async function buildFrame(batchId: string): Promise<BatchFrame> {
  const batch = await getBatch(batchId);
  if (batch.status !== 'succeeded' && batch.status !== 'replaced') throw new AppError('conflict', `score batch ${batchId} is ${batch.status}`);
  const b = await db().scoreBatch.findUniqueOrThrow({ where: { id: batchId }, select: { versionId: true } });
  const version = await db().modelVersion.findUnique({ where: { id: b.versionId }, select: { threshold: true, runId: true, reference: true, inputSchema: true } });
  if (!version) throw new AppError('not_found', `the model version of batch ${batchId} no longer exists`);
  const [table, scores] = await Promise.all([
    snapshotTable(batch.snapshotId),
    db().customerScore.findMany({
      where: { batchId },
      orderBy: [{ probability: 'desc' }, { customerId: 'asc' }],
      select: { customerId: true, probability: true, decile: true, label: true, reasons: true },
    }),
  ]);
  const inputSchema = version.inputSchema as unknown as InputFieldDTO[];
  const names = new Set(table.columnNames());
  const columns: ColumnInfo[] = inputSchema.filter((f) => names.has(f.name)).map((f) => ({ name: f.name, kind: f.kind, use: f.use, levels: f.levels }));
  const idField = inputSchema.find((f) => f.use === 'id')?.name ?? null;
  const keys = customerKeys(table, idField);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) rowOf.set(keys[i], i);
  const n = scores.length;
  const frame: BatchFrame = {
    batch,
    threshold: version.threshold,
    runId: version.runId,
    reference: (version.reference as number[] | null) ?? [],
    inputSchema,
    columns,
    table,
    n,
    customerIds: new Array<string>(n),
    probability: new Float64Array(n),
    decile: new Int32Array(n),
    label: new Uint8Array(n),
    reasons: new Array<ReasonDTO[] | null>(n),
    row: new Int32Array(n),
    index: new Map(),
  };
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    frame.customerIds[i] = s.customerId;
    frame.probability[i] = s.probability;
    frame.decile[i] = s.decile;
    frame.label[i] = s.label;
    frame.reasons[i] = (s.reasons as ReasonDTO[] | null) ?? null;
    frame.row[i] = rowOf.get(s.customerId) ?? -1;
    frame.index.set(s.customerId, i);
  }
  return frame;
}

/** The joined frame of a batch, customers ordered by probability descending (cached per batch id). */
export function loadBatchFrame(batchId: string): Promise<BatchFrame> {
  let p = frames.get(batchId);
  if (!p) {
    p = buildFrame(batchId);
    p.catch(() => frames.delete(batchId));
    frames.set(batchId, p);
  }
  return p;
}

/** Raw cells of one column for every customer of the frame (null where the customer has no snapshot row). */
export function frameColumn(frame: BatchFrame, column: string): unknown[] {
  const col = frame.table.array(column);
  const out = new Array<unknown>(frame.n);
  for (let i = 0; i < frame.n; i++) out[i] = frame.row[i] >= 0 ? col[frame.row[i]] : null;
  return out;
}
