/** Loads one registered model version (artifacts + frozen schema) into a ready-to-score object. */
import { readFile } from 'node:fs/promises';
import type { InputFieldDTO } from '@/lib/api/dto';
import type { ScorerInit } from '@/lib/serving/scorer';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { contentPath } from '@/lib/server/storage/content-store';
import { servedModel, type ServedModel } from './served-model';

export type { ServedModel };

async function readArtifact(hash: string): Promise<unknown> {
  return JSON.parse(await readFile(contentPath('artifacts', hash, 'json'), 'utf8'));
}

export async function loadModelVersion(versionId: string): Promise<ServedModel> {
  const v = await db().modelVersion.findUnique({ where: { id: versionId }, include: { model: { select: { name: true } }, run: { select: { artifactHash: true, transformHash: true } } } });
  if (!v) throw new AppError('not_found', `model version ${versionId} no longer exists`);
  if (!v.run.artifactHash || !v.run.transformHash) throw new AppError('unavailable', `model "${v.model.name}" v${v.version} has no artifacts`);
  const [model, transform] = await Promise.all([readArtifact(v.run.artifactHash), readArtifact(v.run.transformHash)]);
  const inputSchema = v.inputSchema as unknown as InputFieldDTO[];
  const init: ScorerInit = { model, transform, threshold: v.threshold, inputSchema, reference: v.reference as number[] };
  return servedModel({ modelName: v.model.name, version: v.version, versionId }, init);
}
