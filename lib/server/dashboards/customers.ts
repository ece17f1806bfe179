/** The at-risk customers table (sort, filter, page) and one customer's detail with score history. */
import { z } from 'zod';
import type { DashboardContextDTO, DashboardCustomerDetailDTO, DashboardCustomerRowDTO, DashboardCustomersDTO } from '@/lib/api/dto';
import { plainReasons, rowRecord, segmentOf } from '@/lib/dashboards';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { frameColumn } from './batch-frame';
import { dropEmpty, loadDashboard, type Dashboard, type DashboardOptions } from './context';

export const customersQuery = z.object({
  sort: z.enum(['probability', 'value', 'revenue', 'customer']).default('probability'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  /** segment filter: a segment column and the segment label */
  segment: z.string().max(200).optional(),
  in: z.string().max(200).optional(),
  minProbability: z.coerce.number().min(0).max(1).optional(),
  decile: z.coerce.number().int().min(1).max(10).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CustomersQuery = z.input<typeof customersQuery>;

function rowDTO(d: Dashboard, i: number, segCols: Map<string, unknown[]>): DashboardCustomerRowDTO {
  const segments: Record<string, string> = {};
  for (const col of d.segmentColumns) segments[col.name] = segmentOf(col, segCols.get(col.name)![i]);
  return {
    customerId: d.frame.customerIds[i],
    probability: d.frame.probability[i],
    decile: d.frame.decile[i],
    label: d.frame.label[i],
    value: d.values ? d.values[i] : null,
    segments,
    reasons: plainReasons(d.frame.reasons[i]),
  };
}

function segmentColumnsOf(d: Dashboard): Map<string, unknown[]> {
  return new Map(d.segmentColumns.map((c) => [c.name, frameColumn(d.frame, c.name)]));
}

export async function listDashboardCustomers(slug: string, options: DashboardOptions, query: CustomersQuery): Promise<{ ctx: DashboardContextDTO; result: DashboardCustomersDTO } | null> {
  const d = await loadDashboard(slug, options);
  if (!d) return null;
  const q = customersQuery.parse(dropEmpty(query));
  const segCols = segmentColumnsOf(d);
  const { frame } = d;
  let idx: number[] = Array.from({ length: frame.n }, (_, i) => i);
  if (q.segment) {
    const col = d.segmentColumns.find((c) => c.name === q.segment);
    if (!col) throw new AppError('bad_request', `segment: "${q.segment.slice(0, 60)}" is not a segment column`);
    const cells = segCols.get(col.name)!;
    idx = idx.filter((i) => segmentOf(col, cells[i]) === (q.in ?? ''));
  }
  if (q.minProbability !== undefined) idx = idx.filter((i) => frame.probability[i] >= q.minProbability!);
  if (q.decile !== undefined) idx = idx.filter((i) => frame.decile[i] === q.decile);
  if (q.q) {
    const needle = q.q.toLowerCase();
    idx = idx.filter((i) => frame.customerIds[i].toLowerCase().includes(needle));
  }
  const sign = q.dir === 'asc' ? 1 : -1;
  const v = d.values;
  const key: (i: number) => number | string =
    q.sort === 'value' ? (i) => v?.[i] ?? -Infinity : q.sort === 'revenue' ? (i) => frame.probability[i] * (v?.[i] ?? 0) : q.sort === 'customer' ? (i) => frame.customerIds[i] : (i) => frame.probability[i];
  // The frame is already by probability descending: only re-sort for other orders.
  if (!(q.sort === 'probability' && q.dir === 'desc')) {
    idx.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -sign : ka > kb ? sign : a - b;
    });
  }
  const page = idx.slice(q.offset, q.offset + q.limit);
  return { ctx: d.ctx, result: { total: idx.length, offset: q.offset, limit: q.limit, rows: page.map((i) => rowDTO(d, i, segCols)) } };
}

/** One customer of the latest batch: the row, stored reasons, history over the project's batches, the record. */
export async function getDashboardCustomer(slug: string, customerId: string, options: DashboardOptions = {}): Promise<{ ctx: DashboardContextDTO; detail: DashboardCustomerDetailDTO } | null> {
  const d = await loadDashboard(slug, options);
  if (!d) return null;
  const i = d.frame.index.get(customerId);
  if (i === undefined) throw new AppError('not_found', `no customer "${customerId.slice(0, 80)}" in the latest batch`);
  // By (batchId, customerId), the primary key: the project's succeeded batches first, then one lookup each.
  const batches = await db().scoreBatch.findMany({ where: { projectId: d.frame.batch.projectId, status: 'succeeded' }, select: { id: true, batchDate: true, modelVersion: true }, orderBy: [{ batchDate: 'desc' }, { createdAt: 'desc' }], take: 200 });
  batches.reverse();
  const scores = await db().customerScore.findMany({ where: { customerId, batchId: { in: batches.map((b) => b.id) } }, select: { batchId: true, probability: true, decile: true } });
  const byBatch = new Map(scores.map((x) => [x.batchId, x]));
  const history = batches.flatMap((b) => {
    const x = byBatch.get(b.id);
    return x ? [{ batchId: b.id, batchDate: b.batchDate, modelVersion: b.modelVersion, probability: x.probability, decile: x.decile }] : [];
  });
  const r = d.frame.row[i];
  const record = r >= 0 ? rowRecord(d.frame.table, r, d.frame.inputSchema) : {};
  return {
    ctx: d.ctx,
    detail: {
      customerId,
      current: rowDTO(d, i, segmentColumnsOf(d)),
      reasons: d.frame.reasons[i],
      history,
      record,
      scorer: { runId: d.frame.runId, threshold: d.frame.threshold, inputSchema: d.frame.inputSchema, reference: d.frame.reference },
    },
  };
}
