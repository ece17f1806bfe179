/**
 * Writing the notebook: save (optimistic concurrency on `baseVersion`, autosave coalescing), restore, and naming
 * a version. A document whose `pipeline` differs from the project's settings writes them in the same
 * transaction — saving the notebook changes what the schedules run — and is audited with the changes.
 */
import 'server-only';
import { ZodError } from 'zod';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { AUTOSAVE_COALESCE_MS, labelVersionInput, saveNotebookInput, type NotebookConflict, type SaveNotebookResult } from '@/lib/notebook/api';
import { parseNotebook, type NotebookDoc } from '@/lib/notebook/doc';
import { diffSettings, formatChanges } from '@/lib/notebook/pipeline-diff';
import { hasRole, type Role } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError, zodIssues } from '@/lib/server/errors';
import { lockProjectNotebook, readPipelineSettings, writePipelineSettings } from './settings-link';
import { emails, metaOf, storedDoc } from './versions';

type Tx = Prisma.TransactionClient;
export interface Actor {
  id: string;
  role: Role;
}

function requireEditor(user: Actor): void {
  if (!hasRole(user.role, 'scientist')) throw new AppError('forbidden', `editing the notebook needs the scientist role; you are ${user.role}`);
}

/** parseNotebook with errors as 422 naming the field or cell (`doc.cells: cells.9 (code cell "x").name: …`). */
export function checkDoc(json: unknown): NotebookDoc {
  try {
    return parseNotebook(json);
  } catch (e) {
    if (e instanceof ZodError) {
      const issues = zodIssues(e).map((i) => ({ path: `doc.${i.path}`, message: i.message }));
      throw new AppError('unprocessable', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    }
    if (e instanceof TypeError) throw new AppError('unprocessable', `doc.${e.message}`, { issues: [{ path: 'doc', message: e.message }] });
    throw e;
  }
}

/** The pipeline settings refer to this project's own feature spec version and source (422 naming the field). */
async function checkPipelineRefs(tx: Tx, projectId: string, doc: NotebookDoc): Promise<void> {
  const { specVersionId } = doc.pipeline.features;
  if (specVersionId && !(await tx.featureSpecVersion.findFirst({ where: { id: specVersionId, projectId }, select: { id: true } }))) {
    throw new AppError('unprocessable', `doc.pipeline.features.specVersionId: no feature spec version "${specVersionId}" in this project`);
  }
  const { sourceId } = doc.pipeline.ingest;
  if (sourceId && !(await tx.dataSource.findFirst({ where: { id: sourceId, projectId }, select: { id: true } }))) {
    throw new AppError('unprocessable', `doc.pipeline.ingest.sourceId: no source "${sourceId}" in this project`);
  }
}

/** Writes `doc` as a new version (or into `into`), updating the pipeline settings when they differ. */
async function write(
  tx: Tx,
  projectId: string,
  doc: NotebookDoc,
  user: Actor,
  opts: { version: number; into: boolean; kind: 'autosave' | 'named' | 'restore'; label?: string | null; restoredFrom?: number },
): Promise<void> {
  const current = await readPipelineSettings(tx, projectId);
  const changes = diffSettings(current, doc.pipeline);
  if (changes.length) {
    await checkPipelineRefs(tx, projectId, doc);
    await writePipelineSettings(tx, projectId, doc.pipeline);
  }
  const data = { doc: doc as unknown as Prisma.InputJsonValue };
  if (opts.into) await tx.notebookVersion.update({ where: { projectId_version: { projectId, version: opts.version } }, data: { ...data, updatedAt: new Date() } });
  else {
    await tx.notebookVersion.create({
      data: { ...data, projectId, version: opts.version, kind: opts.kind, label: opts.label ?? null, restoredFrom: opts.restoredFrom ?? null, createdById: user.id },
    });
  }
  if (changes.length || opts.kind === 'restore') {
    await recordAudit(
      {
        actorId: user.id,
        action: opts.kind === 'restore' ? 'notebook.restore' : 'notebook.pipeline_change',
        target: `project:${projectId}`,
        detail: { version: opts.version, restoredFrom: opts.restoredFrom ?? null, changes: formatChanges(changes) },
      },
      tx,
    );
  }
}

/**
 * Saves the notebook. 403 below scientist; 422 naming the bad cell/field; 409 when `baseVersion` is not the
 * latest (the body names the newer version and its author). An autosave within 2 minutes of the same user's
 * previous autosave version (and not changing the pipeline) updates it in place.
 */
export async function saveNotebook(projectId: string, input: unknown, user: Actor, now = new Date()): Promise<SaveNotebookResult> {
  requireEditor(user);
  const body = saveNotebookInput.parse(input);
  const doc = checkDoc(body.doc);
  const { version, coalesced } = await db().$transaction(async (tx) => {
    await lockProjectNotebook(tx, projectId);
    const latest = await tx.notebookVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
    if ((latest?.version ?? null) !== body.baseVersion) {
      if (!latest) throw new AppError('conflict', `baseVersion: the notebook has no saved version yet (got ${body.baseVersion})`);
      const author = (await emails([latest.createdById], tx)).get(latest.createdById ?? '') ?? null;
      const details: NotebookConflict = { latestVersion: latest.version, author, savedAt: latest.updatedAt.toISOString() };
      throw new AppError('conflict', `baseVersion: the notebook is at v${latest.version}${author ? ` (saved by ${author})` : ''}; reload to get it`, { ...details });
    }
    const pipelineChanged = diffSettings(await readPipelineSettings(tx, projectId), doc.pipeline).length > 0;
    const into =
      body.kind === 'autosave' &&
      !pipelineChanged &&
      latest !== null &&
      latest.kind === 'autosave' &&
      latest.createdById === user.id &&
      now.getTime() - latest.createdAt.getTime() <= AUTOSAVE_COALESCE_MS;
    const v = into ? latest.version : (latest?.version ?? 0) + 1;
    await write(tx, projectId, doc, user, { version: v, into, kind: body.kind, label: body.label ?? null });
    return { version: v, coalesced: into };
  });
  return { version, coalesced, meta: await metaOf(projectId, version) };
}

/** Brings back `version` as a new version of kind 'restore' (with its pipeline settings). 404 naming the version. */
export async function restoreNotebookVersion(projectId: string, version: number, user: Actor): Promise<SaveNotebookResult> {
  requireEditor(user);
  const v = await db().$transaction(async (tx) => {
    await lockProjectNotebook(tx, projectId);
    const row = await tx.notebookVersion.findUnique({ where: { projectId_version: { projectId, version } } });
    if (!row) throw new AppError('not_found', `version: no notebook version ${version}`);
    const latest = await tx.notebookVersion.findFirstOrThrow({ where: { projectId }, orderBy: { version: 'desc' } });
    const next = latest.version + 1;
    await write(tx, projectId, storedDoc(row), user, { version: next, into: false, kind: 'restore', label: `restored v${version}`, restoredFrom: version });
    return next;
  });
  return { version: v, coalesced: false, meta: await metaOf(projectId, v) };
}

/** Names (or un-names, with null) a version; a named autosave becomes 'named' so no later autosave overwrites it. */
export async function labelNotebookVersion(projectId: string, version: number, input: unknown, user: Actor) {
  requireEditor(user);
  const { label } = labelVersionInput.parse(input);
  const row = await db().notebookVersion.findUnique({ where: { projectId_version: { projectId, version } } });
  if (!row) throw new AppError('not_found', `version: no notebook version ${version}`);
  await db().notebookVersion.update({
    where: { id: row.id },
    data: { label: label || null, ...(row.kind === 'autosave' && label ? { kind: 'named' } : {}) },
  });
  return metaOf(projectId, version);
}
