/** Reading score batches and their scores (the Serve cell, dashboards, exports). */
import { z } from 'zod';
import type { CustomerScoreDTO, ReasonDTO, ScoreBatchDTO } from '@/lib/api/dto';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { contentPath } from '@/lib/server/storage/content-store';

type Row = Awaited<ReturnType<ReturnType<typeof db>['scoreBatch']['findFirstOrThrow']>>;

function toDTO(b: Row): ScoreBatchDTO {
  return {
    id: b.id,
    projectId: b.projectId,
    modelName: b.modelName,
    modelVersion: b.modelVersion,
    batchDate: b.batchDate,
    snapshotId: b.snapshotId,
    status: b.status,
    shards: b.shards,
    shardsDone: b.shardsDone,
    rowCount: b.rowCount,
    stats: b.stats as Record<string, unknown>,
    hasExports: !!(b.parquetHash && b.csvHash),
    error: b.error,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}

export async function listBatches(projectId: string, opts: { includeReplaced?: boolean; limit?: number } = {}): Promise<ScoreBatchDTO[]> {
  const rows = await db().scoreBatch.findMany({
    where: { projectId, ...(opts.includeReplaced ? {} : { status: { not: 'replaced' } }) },
    orderBy: { createdAt: 'desc' },
    take: opts.limit ?? 50,
  });
  return rows.map(toDTO);
}

export async function getBatch(id: string): Promise<ScoreBatchDTO> {
  const b = await db().scoreBatch.findUnique({ where: { id } });
  if (!b) throw new AppError('not_found', `no score batch ${id}`);
  return toDTO(b);
}

/** The newest succeeded batch of a project (what dashboards show), or null. */
export async function latestBatch(projectId: string): Promise<ScoreBatchDTO | null> {
  const b = await db().scoreBatch.findFirst({ where: { projectId, status: 'succeeded' }, orderBy: [{ batchDate: 'desc' }, { finishedAt: 'desc' }] });
  return b ? toDTO(b) : null;
}

export const scoresQuery = z.strictObject({
  order: z.enum(['risk', 'id']).default('risk'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  decile: z.coerce.number().int().min(1).max(10).optional(),
  label: z.coerce.number().int().min(0).max(1).optional(),
  customer: z.string().max(200).optional(),
});

export async function listScores(batchId: string, q: z.input<typeof scoresQuery>): Promise<{ total: number; scores: CustomerScoreDTO[] }> {
  const p = scoresQuery.parse(q);
  await getBatch(batchId);
  const where = { batchId, ...(p.decile ? { decile: p.decile } : {}), ...(p.label !== undefined ? { label: p.label } : {}), ...(p.customer ? { customerId: p.customer } : {}) };
  const [total, rows] = await Promise.all([
    db().customerScore.count({ where }),
    db().customerScore.findMany({
      where,
      orderBy: p.order === 'risk' ? [{ probability: 'desc' }, { customerId: 'asc' }] : [{ customerId: 'asc' }],
      skip: p.offset,
      take: p.limit,
      select: { customerId: true, probability: true, decile: true, label: true, reasons: true },
    }),
  ]);
  return { total, scores: rows.map((r) => ({ ...r, reasons: (r.reasons as ReasonDTO[] | null) ?? null })) };
}

export async function batchExport(id: string, format: 'parquet' | 'csv'): Promise<{ file: string; fileName: string; contentType: string }> {
  const b = await db().scoreBatch.findUnique({ where: { id } });
  if (!b) throw new AppError('not_found', `no score batch ${id}`);
  const hash = format === 'parquet' ? b.parquetHash : b.csvHash;
  if (!hash) throw new AppError('conflict', `batch ${id} has no ${format} export (status ${b.status})`);
  return {
    file: contentPath('exports', hash, format),
    fileName: `scores-${b.modelName}-v${b.modelVersion}-${b.batchDate}.${format}`,
    contentType: format === 'parquet' ? 'application/vnd.apache.parquet' : 'text/csv; charset=utf-8',
  };
}
