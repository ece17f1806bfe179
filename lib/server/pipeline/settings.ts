/** A project's pipeline settings (`Project.settings.pipeline`, see lib/pipeline/settings): read with defaults, update validated. */
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { ZodError } from 'zod';
import { mergePipelineSettings, parsePipelineSettings, type PipelineSettings, type PipelineSettingsPatch } from '@/lib/pipeline/settings';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError, zodIssues } from '@/lib/server/errors';
import { appendVersionForSettings } from '@/lib/server/notebook/settings-link';

function stored(settings: unknown): Record<string, unknown> {
  return settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? (settings as Record<string, unknown>) : {};
}

function unprocessable(err: unknown, prefix: string): never {
  if (err instanceof ZodError) {
    const issues = zodIssues(err).map((i) => ({ ...i, path: `${prefix}${i.path}` }));
    throw new AppError('unprocessable', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  throw err;
}

/** The project's pipeline settings with every default filled in; 404 for an unknown project. */
export async function getPipelineSettings(projectId: string): Promise<PipelineSettings> {
  const p = await db().project.findUnique({ where: { id: projectId }, select: { settings: true } });
  if (!p) throw new AppError('not_found', `no project ${projectId}`);
  try {
    return parsePipelineSettings(stored(p.settings).pipeline);
  } catch (e) {
    return unprocessable(e, 'settings.pipeline.');
  }
}

/** Merges `patch` into the stored settings (group by group); 422 naming each bad field. Audited. */
export async function updatePipelineSettings(projectId: string, patch: PipelineSettingsPatch, userId: string | null): Promise<PipelineSettings> {
  const current = await getPipelineSettings(projectId);
  let next: PipelineSettings;
  try {
    next = mergePipelineSettings(current, patch);
  } catch (e) {
    return unprocessable(e, '');
  }
  await db().$transaction(async (tx) => {
    const p = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { settings: true } });
    await tx.project.update({ where: { id: projectId }, data: { settings: { ...stored(p.settings), pipeline: next } as Prisma.InputJsonValue } });
    await recordAudit({ actorId: userId, action: 'project.pipeline_settings', target: `project:${projectId}`, detail: { patch } }, tx);
    // The notebook carries the pipeline settings: record the change as a notebook version too (issue K).
    await appendVersionForSettings(tx, projectId, next, userId);
  });
  return next;
}
