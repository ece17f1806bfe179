/**
 * Reading the model registry: the models of a project, a model with its versions, audit trail and promotion
 * requests, and a version's model card. (registry.ts writes it.)
 */
import { readFile } from 'node:fs/promises';
import type {
  InputFieldDTO,
  ModelAliasName,
  ModelCardDTO,
  ModelDetailDTO,
  ModelTransitionDTO,
  ModelVersionDTO,
  PromotionRequestDTO,
  RegisteredModelDTO,
} from '@/lib/api/dto';
import { MODEL_ALIASES } from '@/lib/api/dto';
import { fittedTransformFromJSON } from '@/lib/features';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { contentPath } from '@/lib/server/storage/content-store';
import { getRun } from '@/lib/server/training/runs';

const versionInclude = {
  run: { select: { id: true, name: true, family: true, metrics: true, lineage: true, snapshotId: true, snapshot: { select: { name: true } }, featureSpec: { select: { version: true } } } },
  aliases: { select: { alias: true } },
} as const;

type VersionRow = Prisma.ModelVersionGetPayload<{ include: typeof versionInclude }>;

export async function emails(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map();
  const users = await db().user.findMany({ where: { id: { in: want } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

export function versionDTO(name: string, v: VersionRow, who: Map<string, string>): ModelVersionDTO {
  const lineage = (v.run.lineage ?? {}) as Record<string, unknown>;
  return {
    id: v.id,
    modelName: name,
    version: v.version,
    runId: v.runId,
    runName: v.run.name,
    family: v.run.family,
    threshold: v.threshold,
    metrics: v.run.metrics as Record<string, unknown>,
    snapshotId: v.run.snapshotId,
    snapshotName: v.run.snapshot.name,
    featureSpecVersion: v.run.featureSpec?.version ?? null,
    validationState: typeof lineage.validationState === 'string' ? lineage.validationState : null,
    note: v.note,
    registeredBy: v.registeredById ? (who.get(v.registeredById) ?? null) : null,
    createdAt: v.createdAt.toISOString(),
    aliases: v.aliases.map((a) => a.alias).filter((a): a is ModelAliasName => (MODEL_ALIASES as readonly string[]).includes(a)),
  };
}

const modelInclude = {
  project: { select: { slug: true } },
  versions: { include: versionInclude, orderBy: { version: 'desc' } },
  aliases: { include: { version: { select: { version: true } } } },
} as const;
type ModelRow = Prisma.RegisteredModelGetPayload<{ include: typeof modelInclude }>;

function modelDTO(m: ModelRow, who: Map<string, string>): RegisteredModelDTO {
  const aliasOf = (a: ModelAliasName) => {
    const row = m.aliases.find((x) => x.alias === a);
    return row ? { version: row.version.version, versionId: row.versionId } : null;
  };
  return {
    id: m.id,
    name: m.name,
    projectId: m.projectId,
    projectSlug: m.project.slug,
    description: m.description,
    createdAt: m.createdAt.toISOString(),
    champion: aliasOf('champion'),
    challenger: aliasOf('challenger'),
    versions: m.versions.map((v) => versionDTO(m.name, v, who)),
  };
}

export async function findModel(name: string): Promise<ModelRow> {
  const m = await db().registeredModel.findUnique({ where: { name }, include: modelInclude });
  if (!m) throw new AppError('not_found', `no registered model "${name}"`);
  return m;
}

export async function listModels(projectId: string): Promise<RegisteredModelDTO[]> {
  const rows = await db().registeredModel.findMany({ where: { projectId }, include: modelInclude, orderBy: { createdAt: 'asc' } });
  const who = await emails(rows.flatMap((m) => m.versions.map((v) => v.registeredById)));
  return rows.map((m) => modelDTO(m, who));
}

function transitionDTO(t: { id: string; action: string; alias: string | null; fromVersion: number | null; toVersion: number | null; reason: string; createdAt: Date; actor: { email: string } | null }): ModelTransitionDTO {
  return {
    id: t.id,
    action: t.action,
    alias: (MODEL_ALIASES as readonly string[]).includes(t.alias ?? '') ? (t.alias as ModelAliasName) : null,
    fromVersion: t.fromVersion,
    toVersion: t.toVersion,
    reason: t.reason,
    actor: t.actor?.email ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

async function transitions(modelId: string): Promise<ModelTransitionDTO[]> {
  const rows = await db().modelTransition.findMany({ where: { modelId }, orderBy: { createdAt: 'desc' }, take: 200, include: { actor: { select: { email: true } } } });
  return rows.map(transitionDTO);
}

export async function getModelDetail(name: string): Promise<ModelDetailDTO> {
  const m = await findModel(name);
  const reqs = await db().promotionRequest.findMany({ where: { modelId: m.id }, orderBy: { createdAt: 'desc' }, take: 100, include: { version: { select: { version: true } } } });
  const who = await emails([...m.versions.map((v) => v.registeredById), ...reqs.flatMap((r) => [r.requestedById, r.decidedById])]);
  const requests: PromotionRequestDTO[] = reqs.map((r) => ({
    id: r.id,
    modelName: m.name,
    versionId: r.versionId,
    version: r.version.version,
    alias: r.alias as ModelAliasName,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requestedById ? (who.get(r.requestedById) ?? null) : null,
    decidedBy: r.decidedById ? (who.get(r.decidedById) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
  }));
  return { model: modelDTO(m, who), transitions: await transitions(m.id), requests };
}

export async function getModelCard(name: string, version: number): Promise<ModelCardDTO> {
  const m = await findModel(name);
  const v = m.versions.find((x) => x.version === version);
  if (!v) throw new AppError('not_found', `model "${name}" has no version ${version}`);
  const who = await emails(m.versions.map((x) => x.registeredById));
  const run = await getRun(v.runId);
  const fitted = run.transformHash ? fittedTransformFromJSON(JSON.parse(await readFile(contentPath('artifacts', run.transformHash, 'json'), 'utf8'))) : null;
  return {
    model: modelDTO(m, who),
    version: versionDTO(m.name, v, who),
    run,
    inputSchema: v.inputSchema as unknown as InputFieldDTO[],
    features: fitted ? fitted.outputFeatures.map((f, i) => ({ name: f, sources: fitted.featureSources[i] })) : [],
    transitions: (await transitions(m.id)).filter((t) => t.toVersion === version || t.fromVersion === version),
  };
}
