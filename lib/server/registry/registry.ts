/**
 * The model registry: named models, numbered versions (one run each), the aliases `champion` and `challenger`,
 * promotion requests and an audit trail of every transition. The served model changes only through `setAlias`
 * (an approver) or the retrain gate (`autoPromote`), each recorded with who, when, from → to and why.
 */
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import type { ModelAliasName, ModelVersionDTO, PromotionRequestDTO } from '@/lib/api/dto';
import { MODEL_ALIASES } from '@/lib/api/dto';
import { sampleRows } from '@/lib/data/sample';
import { apply, fittedTransformFromJSON } from '@/lib/features';
import { buildInputSchema, type ProfileColumnInfo } from '@/lib/serving/input-schema';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { insertNextVersion } from '@/lib/server/db/next-version';
import { AppError } from '@/lib/server/errors';
import { getSnapshot, loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { contentPath } from '@/lib/server/storage/content-store';
import { getRun } from '@/lib/server/training/runs';
import { emails, findModel, versionDTO } from './read-registry';

export { getModelCard, getModelDetail, listModels } from './read-registry';

type Tx = Prisma.TransactionClient;

export const MODEL_NAME = /^(?!requests$)[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const modelName = z.string().trim().regex(MODEL_NAME, 'letters, digits, ".", "_" or "-" (at most 63), starting with a letter or digit; not "requests"');
const reason = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(2000);
const alias = z.enum(MODEL_ALIASES);

export const registerInput = z.strictObject({
  runId: z.string().min(1).max(64),
  modelName: modelName.optional(),
  threshold: z.number().min(0).max(1).optional(),
  note: z.string().max(2000).default(''),
});
export const setAliasInput = z.strictObject({ alias, version: z.number().int().min(1).nullable(), reason });
export const requestInput = z.strictObject({ version: z.number().int().min(1), alias, reason });
export const decisionInput = z.strictObject({ decision: z.enum(['approve', 'reject', 'withdraw']), note: z.string().max(2000).default('') });

export interface Actor {
  id: string;
  role: string;
}

async function addTransition(
  tx: Tx,
  t: { modelId: string; modelName: string; action: string; alias?: string | null; fromVersion?: number | null; toVersion?: number | null; reason?: string; actorId: string | null },
): Promise<void> {
  await tx.modelTransition.create({
    data: { modelId: t.modelId, action: t.action, alias: t.alias ?? null, fromVersion: t.fromVersion ?? null, toVersion: t.toVersion ?? null, reason: t.reason ?? '', actorId: t.actorId },
  });
  await recordAudit(
    { actorId: t.actorId, action: `model.${t.action}`, target: `model:${t.modelName}`, detail: { alias: t.alias ?? null, from: t.fromVersion ?? null, to: t.toVersion ?? null, reason: t.reason ?? '' } },
    tx,
  );
}

/** Default model name of a project: `churn-model` while free (or already this project's), else `<slug>-model`. */
async function defaultModelName(projectId: string, slug: string): Promise<string> {
  const existing = await db().registeredModel.findFirst({ where: { projectId }, orderBy: { createdAt: 'asc' } });
  if (existing) return existing.name;
  const taken = await db().registeredModel.findUnique({ where: { name: 'churn-model' } });
  return taken ? `${slug}-model`.slice(0, 63) : 'churn-model';
}

/** Mean transformed training row (≤ 2,000 sampled rows), the reference of linear/occlusion reasons. */
async function referenceRow(snapshotId: string, transform: unknown): Promise<number[]> {
  const fitted = fittedTransformFromJSON(transform);
  const { data } = await loadSnapshotTable(snapshotId);
  const { X, featureNames, nRows } = apply(fitted, sampleRows(data.table, 2000, 42));
  const nf = featureNames.length;
  const sum = new Float64Array(nf);
  const cnt = new Float64Array(nf);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nf; j++) {
      const v = X[i * nf + j];
      if (v === v) {
        sum[j] += v;
        cnt[j]++;
      }
    }
  }
  return Array.from(sum, (s, j) => (cnt[j] ? s / cnt[j] : 0));
}

/** Registers a succeeded run as the next version of a model (created on first use, in the run's project). */
export async function registerRun(actor: Actor, project: { id: string; slug: string }, input: z.input<typeof registerInput>): Promise<ModelVersionDTO> {
  const data = registerInput.parse(input);
  const run = await getRun(data.runId).catch(() => null);
  const runRow = run ? await db().run.findUnique({ where: { id: run.id }, select: { projectId: true } }) : null;
  if (!run || runRow?.projectId !== project.id) throw new AppError('not_found', `runId: no run ${data.runId} in this project`);
  if (run.status !== 'succeeded' || !run.artifactHash || !run.transformHash) throw new AppError('unprocessable', `runId: run "${run.name}" has no model to register (status ${run.status})`);
  const name = data.modelName ?? (await defaultModelName(project.id, project.slug));
  const threshold = data.threshold ?? (typeof run.metrics.bestF1Threshold === 'number' ? run.metrics.bestF1Threshold : 0.5);

  const transform = JSON.parse(await readFile(contentPath('artifacts', run.transformHash, 'json'), 'utf8'));
  const fitted = fittedTransformFromJSON(transform);
  const snapshot = await getSnapshot(run.snapshotId);
  const profileCols = ((snapshot.profile?.columns ?? []) as unknown as ProfileColumnInfo[]).map((c) => ({ ...c, levels: 'levels' in c ? c.levels : undefined }));
  const inputSchema = buildInputSchema(fitted, snapshot.columns, profileCols);
  const reference = run.family === 'gbdt' ? [] : await referenceRow(run.snapshotId, transform);

  let model = await db().registeredModel.findUnique({ where: { name } });
  if (model && model.projectId !== project.id) throw new AppError('conflict', `modelName: "${name}" belongs to another project; choose another name`);
  if (!model) {
    model = await db()
      .registeredModel.create({ data: { name, projectId: project.id } })
      .catch(async (e) => {
        if ((e as { code?: string }).code !== 'P2002') throw e;
        const m = await db().registeredModel.findUnique({ where: { name } });
        if (!m || m.projectId !== project.id) throw new AppError('conflict', `modelName: "${name}" belongs to another project; choose another name`);
        return m;
      });
  }
  const modelId = model.id;
  const dup = await db().modelVersion.findFirst({ where: { modelId, runId: run.id } });
  if (dup) throw new AppError('conflict', `runId: run "${run.name}" is already version ${dup.version} of "${name}"`);

  const created = await insertNextVersion({
    what: `versions of "${name}"`,
    currentVersion: async () => (await db().modelVersion.aggregate({ where: { modelId }, _max: { version: true } }))._max.version,
    insert: (version) =>
      db().$transaction(async (tx) => {
        const v = await tx.modelVersion.create({
          data: { modelId, version, runId: run.id, threshold, inputSchema: inputSchema as unknown as Prisma.InputJsonValue, reference, note: data.note, registeredById: actor.id },
        });
        await addTransition(tx, { modelId, modelName: name, action: 'registered', toVersion: version, reason: data.note || `run ${run.name}`, actorId: actor.id });
        return v;
      }),
  });
  const m = await findModel(name);
  const who = await emails([actor.id]);
  return versionDTO(name, m.versions.find((v) => v.id === created!.id)!, who);
}

async function versionByNumber(modelId: string, name: string, version: number) {
  const v = await db().modelVersion.findUnique({ where: { modelId_version: { modelId, version } } });
  if (!v) throw new AppError('not_found', `version: model "${name}" has no version ${version}`);
  return v;
}

/**
 * Moves an alias (approver, or the retrain gate with `actor: null`). Champion taking the challenger's version
 * clears the challenger. Open requests for that alias and version are marked approved.
 */
export async function setAlias(actor: Actor | null, name: string, input: z.input<typeof setAliasInput>, opts: { action?: string } = {}): Promise<void> {
  const data = setAliasInput.parse(input);
  const m = await db().registeredModel.findUnique({ where: { name } });
  if (!m) throw new AppError('not_found', `no registered model "${name}"`);
  const target = data.version === null ? null : await versionByNumber(m.id, name, data.version);
  await db().$transaction(async (tx) => {
    // Serialize alias moves of one model.
    await tx.$executeRaw`SELECT 1 FROM "RegisteredModel" WHERE id = ${m.id} FOR UPDATE`;
    const current = await tx.modelAlias.findUnique({ where: { modelId_alias: { modelId: m.id, alias: data.alias } }, include: { version: { select: { version: true } } } });
    const from = current?.version.version ?? null;
    if (from === data.version) throw new AppError('conflict', `version: ${data.version === null ? `"${name}" has no ${data.alias}` : `version ${data.version} is already the ${data.alias}`}`);
    if (target) {
      await tx.modelAlias.upsert({
        where: { modelId_alias: { modelId: m.id, alias: data.alias } },
        create: { modelId: m.id, alias: data.alias, versionId: target.id, setById: actor?.id ?? null },
        update: { versionId: target.id, setById: actor?.id ?? null },
      });
    } else {
      await tx.modelAlias.delete({ where: { modelId_alias: { modelId: m.id, alias: data.alias } } });
    }
    await addTransition(tx, { modelId: m.id, modelName: name, action: opts.action ?? (target ? 'alias_set' : 'alias_cleared'), alias: data.alias, fromVersion: from, toVersion: data.version, reason: data.reason, actorId: actor?.id ?? null });
    if (target && data.alias === 'champion') {
      const ch = await tx.modelAlias.findUnique({ where: { modelId_alias: { modelId: m.id, alias: 'challenger' } } });
      if (ch && ch.versionId === target.id) {
        await tx.modelAlias.delete({ where: { modelId_alias: { modelId: m.id, alias: 'challenger' } } });
        await addTransition(tx, { modelId: m.id, modelName: name, action: 'alias_cleared', alias: 'challenger', fromVersion: data.version, toVersion: null, reason: `version ${data.version} became champion`, actorId: actor?.id ?? null });
      }
    }
    if (target) {
      await tx.promotionRequest.updateMany({
        where: { modelId: m.id, versionId: target.id, alias: data.alias, status: 'open' },
        data: { status: 'approved', decidedById: actor?.id ?? null, decidedAt: new Date(), decisionNote: data.reason },
      });
    }
  });
}

export async function requestPromotion(actor: Actor, name: string, input: z.input<typeof requestInput>): Promise<PromotionRequestDTO> {
  const data = requestInput.parse(input);
  const m = await db().registeredModel.findUnique({ where: { name } });
  if (!m) throw new AppError('not_found', `no registered model "${name}"`);
  const v = await versionByNumber(m.id, name, data.version);
  const current = await db().modelAlias.findUnique({ where: { modelId_alias: { modelId: m.id, alias: data.alias } } });
  if (current?.versionId === v.id) throw new AppError('conflict', `version: version ${data.version} is already the ${data.alias}`);
  const open = await db().promotionRequest.findFirst({ where: { modelId: m.id, versionId: v.id, alias: data.alias, status: 'open' } });
  if (open) throw new AppError('conflict', `version: an open request already asks to make version ${data.version} the ${data.alias}`);
  const r = await db().$transaction(async (tx) => {
    const req = await tx.promotionRequest.create({ data: { modelId: m.id, versionId: v.id, alias: data.alias, reason: data.reason, requestedById: actor.id } });
    await addTransition(tx, { modelId: m.id, modelName: name, action: 'promotion_requested', alias: data.alias, fromVersion: null, toVersion: data.version, reason: data.reason, actorId: actor.id });
    return req;
  });
  const who = await emails([actor.id]);
  return {
    id: r.id,
    modelName: name,
    versionId: v.id,
    version: v.version,
    alias: data.alias,
    reason: r.reason,
    status: r.status,
    requestedBy: who.get(actor.id) ?? null,
    decidedBy: null,
    decidedAt: null,
    decisionNote: '',
    createdAt: r.createdAt.toISOString(),
  };
}

/** Approve (approver: moves the alias), reject (approver) or withdraw (the requester) an open request. Returns the model name. */
export async function decideRequest(actor: Actor, requestId: string, input: z.input<typeof decisionInput>, canApprove: boolean): Promise<string> {
  const data = decisionInput.parse(input);
  const r = await db().promotionRequest.findUnique({ where: { id: requestId }, include: { model: true, version: true } });
  if (!r) throw new AppError('not_found', `no promotion request ${requestId}`);
  if (r.status !== 'open') throw new AppError('conflict', `request is already ${r.status}`);
  if (data.decision === 'withdraw') {
    if (r.requestedById !== actor.id) throw new AppError('forbidden', 'only the requester can withdraw a request');
  } else if (!canApprove) {
    throw new AppError('forbidden', `only an approver can ${data.decision} a promotion`);
  }
  if (data.decision === 'approve') {
    await setAlias(actor, r.model.name, { alias: r.alias as ModelAliasName, version: r.version.version, reason: data.note.trim().length >= 3 ? data.note : `approved request: ${r.reason}` });
    return r.model.name;
  }
  const status = data.decision === 'reject' ? 'rejected' : 'withdrawn';
  await db().$transaction(async (tx) => {
    const n = await tx.promotionRequest.updateMany({ where: { id: r.id, status: 'open' }, data: { status, decidedById: actor.id, decidedAt: new Date(), decisionNote: data.note } });
    if (n.count !== 1) throw new AppError('conflict', 'request was decided meanwhile');
    await addTransition(tx, { modelId: r.modelId, modelName: r.model.name, action: `request_${status}`, alias: r.alias, toVersion: r.version.version, reason: data.note || r.reason, actorId: actor.id });
  });
  return r.model.name;
}

/**
 * `registerRun` for the pipeline, which may run without a user (a schedule, the CLI): `actorId` null records the
 * version and its `registered` transition with no actor. (registerRun reads only `actor.id`, stored in nullable
 * columns.)
 */
export async function registerRunForPipeline(actorId: string | null, project: { id: string; slug: string }, input: z.input<typeof registerInput>): Promise<ModelVersionDTO> {
  return registerRun({ id: actorId, role: 'system' } as unknown as Actor, project, input);
}
