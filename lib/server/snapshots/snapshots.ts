/**
 * Snapshots: immutable dataset versions. The table is written as Parquet named by the sha256 of its bytes
 * (identical data → the same file, stored once), profiled once, and recorded in one row.
 */
import { readFile } from 'node:fs/promises';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { parquetToTable, tableToParquet, type ParquetSchemaSpec, type ParquetTable } from '@/lib/data/codecs/parquet';
import { nativeSnappyDecompressors } from '@/lib/server/storage/native-snappy';
import { profileTable } from '@/lib/data/profile/profile-table';
import type { ColumnKind } from '@/lib/data/profile/infer-types';
import type { TableProfile } from '@/lib/data/profile/profile-types';
import type { TableLike } from '@/lib/data/table';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { queueRealizedForSnapshot } from '@/lib/server/monitoring/realized-queue';
import { contentPath, storeContent } from '@/lib/server/storage/content-store';

export type { SnapshotColumnType, SnapshotDTO } from '@/lib/api/dto';
import type { SnapshotColumnType, SnapshotDTO } from '@/lib/api/dto';

type Row = Prisma.SnapshotGetPayload<{ include: { createdBy: true } }> | Prisma.SnapshotGetPayload<object>;

function toDTO(s: Row & { createdBy?: { email: string } | null }): SnapshotDTO {
  return {
    id: s.id,
    projectId: s.projectId,
    name: s.name,
    origin: s.origin,
    hash: s.hash,
    byteSize: s.byteSize,
    rowCount: s.rowCount,
    columnCount: s.columnCount,
    columns: s.columns as SnapshotDTO['columns'],
    windowStart: s.windowStart?.toISOString().slice(0, 10) ?? null,
    windowEnd: s.windowEnd?.toISOString().slice(0, 10) ?? null,
    options: (s.options ?? {}) as Record<string, unknown>,
    targetColumn: s.targetColumn,
    positiveValue: s.positiveValue,
    createdAt: s.createdAt.toISOString(),
    createdBy: s.createdBy?.email ?? null,
    archivedAt: s.archivedAt?.toISOString() ?? null,
  };
}

const KIND_TO_TYPE: Record<ColumnKind, SnapshotColumnType> = { numeric: 'numeric', categorical: 'categorical', boolean: 'boolean', datetime: 'datetime', text: 'text', id: 'text' };

export interface CreateSnapshotInput {
  projectId: string;
  origin: 'ingest' | 'upload';
  sourceId?: string | null;
  name: string;
  table: TableLike;
  parquetSchema?: ParquetSchemaSpec;
  window?: { start: string; end: string } | null;
  options?: Record<string, unknown>;
  target?: string | null;
  positive?: string | null;
  createdById?: string | null;
}

/** Writes (or reuses) the Parquet file and records the snapshot; returns the existing row for identical data. */
export async function createSnapshot(input: CreateSnapshotInput): Promise<{ snapshot: SnapshotDTO; created: boolean }> {
  const bytes = tableToParquet(input.table, input.parquetSchema ?? {});
  const stored = await storeContent('snapshots', 'parquet', bytes);
  const existing = await db().snapshot.findUnique({ where: { projectId_hash: { projectId: input.projectId, hash: stored.hash } }, include: { createdBy: true } });
  if (existing) return { snapshot: toDTO(existing), created: false };

  const profile = profileTable(input.table, { target: input.target ?? undefined, positive: input.positive ?? undefined });
  const columns = profile.columns.map((c) => ({ name: c.name, type: KIND_TO_TYPE[c.kind] }));
  try {
    const row = await db().snapshot.create({
      data: {
        projectId: input.projectId,
        origin: input.origin,
        sourceId: input.sourceId ?? null,
        name: input.name,
        hash: stored.hash,
        byteSize: stored.byteSize,
        rowCount: input.table.numRows(),
        columnCount: columns.length,
        columns,
        windowStart: input.window ? new Date(`${input.window.start}T00:00:00Z`) : null,
        windowEnd: input.window ? new Date(`${input.window.end}T00:00:00Z`) : null,
        options: (input.options ?? {}) as Prisma.InputJsonValue,
        targetColumn: input.target ?? null,
        positiveValue: input.positive ?? null,
        profile: profile as unknown as Prisma.InputJsonValue,
        createdById: input.createdById ?? null,
      },
      include: { createdBy: true },
    });
    // churn outcomes arrived: judge earlier scoring batches against them (queues a `realized` job if there are any)
    await queueRealizedForSnapshot(row);
    return { snapshot: toDTO(row), created: true };
  } catch (err) {
    // Two identical loads at once: the unique (project, hash) keeps one row; return it.
    const again = await db().snapshot.findUnique({ where: { projectId_hash: { projectId: input.projectId, hash: stored.hash } }, include: { createdBy: true } });
    if (again) return { snapshot: toDTO(again), created: false };
    throw err;
  }
}

export async function listSnapshots(projectId: string, opts: { includeArchived?: boolean } = {}): Promise<SnapshotDTO[]> {
  const rows = await db().snapshot.findMany({
    where: { projectId, ...(opts.includeArchived ? {} : { archivedAt: null }) },
    orderBy: { createdAt: 'desc' },
    include: { createdBy: true },
  });
  return rows.map(toDTO);
}

export async function getSnapshot(id: string): Promise<SnapshotDTO & { profile: TableProfile | null }> {
  const s = await db().snapshot.findUnique({ where: { id }, include: { createdBy: true } });
  if (!s) throw new AppError('not_found', `no snapshot ${id}`);
  return { ...toDTO(s), profile: (s.profile as unknown as TableProfile | null) ?? null };
}

export function snapshotFile(hash: string): string {
  return contentPath('snapshots', hash, 'parquet');
}

/**
 * A snapshot's table from its Parquet file (`snapshot` from getSnapshot). `utf8Columns`: text columns to read as
 * UTF-8 bytes (`utf8`) instead of strings in `table`.
 */
export async function readSnapshotData(snapshot: Pick<SnapshotDTO, 'hash'>, opts: { utf8Columns?: readonly string[] } = {}): Promise<ParquetTable> {
  const bytes = await readFile(snapshotFile(snapshot.hash));
  return parquetToTable(bytes, { compressors: nativeSnappyDecompressors, utf8Columns: opts.utf8Columns });
}

/** Loads a snapshot and its table (server side: validation, training, scoring). */
export async function loadSnapshotTable(id: string): Promise<{ snapshot: SnapshotDTO & { profile: TableProfile | null }; data: ParquetTable }> {
  const s = await getSnapshot(id);
  return { snapshot: s, data: await readSnapshotData(s) };
}

/** Snapshots are never deleted while anything may reference them; archiving hides them from lists. */
export async function archiveSnapshot(id: string, projectId: string): Promise<SnapshotDTO> {
  const s = await db().snapshot.findUnique({ where: { id } });
  if (!s || s.projectId !== projectId) throw new AppError('not_found', `no snapshot ${id}`);
  return toDTO(await db().snapshot.update({ where: { id }, data: { archivedAt: new Date() }, include: { createdBy: true } }));
}
