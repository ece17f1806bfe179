/**
 * Keeps the notebook and `Project.settings.pipeline` in step: whoever writes the pipeline settings (the notebook
 * save, the settings route, a restore) writes both in one transaction. Imports nothing from
 * lib/server/pipeline/settings, which calls it.
 */
import 'server-only';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { defaultNotebook, parseNotebook, type NotebookDoc } from '@/lib/notebook/doc';
import { parsePipelineSettings, type PipelineSettings } from '@/lib/pipeline/settings';
import { AppError } from '@/lib/server/errors';

type Tx = Prisma.TransactionClient;

/** Serializes notebook writes of one project (saves, restores, settings changes) until the transaction ends. */
export async function lockProjectNotebook(tx: Tx, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Project" WHERE id = ${projectId} FOR UPDATE`;
}

function storedSettings(settings: unknown): Record<string, unknown> {
  return settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
}

/** The project's pipeline settings as stored (defaults filled), read inside `tx`. */
export async function readPipelineSettings(tx: Tx, projectId: string): Promise<PipelineSettings> {
  const p = await tx.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  if (!p) throw new AppError('not_found', `no project ${projectId}`);
  try {
    return parsePipelineSettings(storedSettings(p.settings).pipeline);
  } catch (e) {
    throw new AppError('unprocessable', `settings.pipeline: the stored settings do not parse: ${(e as Error).message}`);
  }
}

/** Writes `pipeline` into Project.settings (other settings keys kept). */
export async function writePipelineSettings(tx: Tx, projectId: string, pipeline: PipelineSettings): Promise<void> {
  const p = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { settings: true } });
  await tx.project.update({ where: { id: projectId }, data: { settings: { ...storedSettings(p.settings), pipeline } as Prisma.InputJsonValue } });
}

/**
 * Appends a notebook version carrying `pipeline` (the latest document's cells, or the default cells), so a change
 * made outside the notebook (the settings route, the CLI) shows in its history. Call inside the transaction that
 * writes the settings. Returns the new version number.
 */
export async function appendVersionForSettings(tx: Tx, projectId: string, pipeline: PipelineSettings, userId: string | null): Promise<number> {
  await lockProjectNotebook(tx, projectId);
  const latest = await tx.notebookVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
  let cells: NotebookDoc['cells'];
  try {
    cells = latest ? parseNotebook(latest.doc).cells : defaultNotebook(pipeline).cells;
  } catch {
    // an unreadable latest version: keep the history going with the default cells rather than refuse the settings
    cells = defaultNotebook(pipeline).cells;
  }
  const doc: NotebookDoc = { ...defaultNotebook(pipeline), cells };
  const version = (latest?.version ?? 0) + 1;
  await tx.notebookVersion.create({
    data: { projectId, version, doc: doc as unknown as Prisma.InputJsonValue, kind: 'autosave', label: null, createdById: userId },
  });
  return version;
}
