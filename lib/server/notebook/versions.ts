/**
 * Reading a project's notebook versions (NotebookVersion rows): the current document, one version, the list.
 * A project with no saved version reads as `defaultNotebook(its pipeline settings)`; the current document's
 * `pipeline` is always the project's stored settings (the settings route and the notebook both write them).
 */
import 'server-only';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import type { NotebookState, NotebookVersionKind, NotebookVersionMeta } from '@/lib/notebook/api';
import { cellCounts, defaultNotebook, parseNotebook, type NotebookDoc } from '@/lib/notebook/doc';
import { diffSettings } from '@/lib/notebook/pipeline-diff';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getPipelineSettings } from '@/lib/server/pipeline/settings';

type Tx = Prisma.TransactionClient;
export type VersionRow = {
  version: number;
  doc: unknown;
  kind: string;
  label: string | null;
  restoredFrom: number | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The stored document, or a 422 naming what no longer parses (a document written by another version). */
export function storedDoc(row: Pick<VersionRow, 'doc' | 'version'>): NotebookDoc {
  try {
    return parseNotebook(row.doc);
  } catch (e) {
    throw new AppError('unprocessable', `notebook version ${row.version} cannot be read: ${(e as Error).message}`);
  }
}

export async function emails(ids: (string | null)[], tx?: Tx): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const users = await (tx ?? db()).user.findMany({ where: { id: { in: want } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

export function versionMeta(row: VersionRow, prev: VersionRow | null, authors: Map<string, string>): NotebookVersionMeta {
  const doc = row.doc as Partial<NotebookDoc> | null;
  const prevDoc = prev?.doc as Partial<NotebookDoc> | null | undefined;
  return {
    version: row.version,
    kind: row.kind as NotebookVersionKind,
    label: row.label,
    restoredFrom: row.restoredFrom,
    author: row.createdById ? (authors.get(row.createdById) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    cells: cellCounts({ cells: Array.isArray(doc?.cells) ? doc.cells : [] }),
    pipelineChanges: prevDoc ? diffSettings(prevDoc.pipeline ?? {}, doc?.pipeline ?? {}) : [],
  };
}

/** The meta of `version` with its pipeline diff against the version before it. */
export async function metaOf(projectId: string, version: number, tx?: Tx): Promise<NotebookVersionMeta> {
  const rows = await (tx ?? db()).notebookVersion.findMany({ where: { projectId, version: { lte: version } }, orderBy: { version: 'desc' }, take: 2 });
  if (!rows.length || rows[0].version !== version) throw new AppError('not_found', `version: no notebook version ${version}`);
  return versionMeta(rows[0], rows[1] ?? null, await emails([rows[0].createdById], tx));
}

/** The current document and its version (null until the first save). */
export async function getNotebook(projectId: string): Promise<NotebookState> {
  const settings = await getPipelineSettings(projectId);
  const latest = await db().notebookVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
  if (!latest) return { doc: defaultNotebook(settings), version: null, meta: null };
  const doc = { ...storedDoc(latest), pipeline: settings };
  return { doc, version: latest.version, meta: await metaOf(projectId, latest.version) };
}

/** The newest `limit` versions, newest first, each with its pipeline changes against the one before. */
export async function listNotebookVersions(projectId: string, limit = 100): Promise<NotebookVersionMeta[]> {
  const rows = await db().notebookVersion.findMany({ where: { projectId }, orderBy: { version: 'desc' }, take: limit + 1 });
  const authors = await emails(rows.map((r) => r.createdById));
  return rows.slice(0, limit).map((r, i) => versionMeta(r, rows[i + 1] ?? null, authors));
}

/** One version's document and meta; 404 naming the version. */
export async function getNotebookVersion(projectId: string, version: number): Promise<{ doc: NotebookDoc; meta: NotebookVersionMeta }> {
  const row = await db().notebookVersion.findUnique({ where: { projectId_version: { projectId, version } } });
  if (!row) throw new AppError('not_found', `version: no notebook version ${version}`);
  return { doc: storedDoc(row), meta: await metaOf(projectId, version) };
}
