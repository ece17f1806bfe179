/**
 * Drift reports for a project's champion. Reference = the champion run's TRAINING rows (its snapshot split again
 * from lineage.split, as the training job did), features = the raw input fields of the version's input schema
 * (`use: 'input'`), plus the champion's prediction distribution on those rows. Current = a snapshot (scored here
 * with the champion) or a score batch (its snapshot's rows and its stored CustomerScore probabilities).
 * The report is written as one DriftReport row; alert rules are evaluated after it.
 */
import { z } from 'zod';
import type { DriftReportDTO } from '@/lib/api/dto';
import { isMissing, type TableLike } from '@/lib/data/table';
import { computeDrift, falseAlarmCheck, resolveDriftSettings, type DriftSettings, type FalseAlarmResult, type FeatureSample } from '@/lib/monitoring';
import { stratifiedTrainTestSplit } from '@/lib/ml/gbdt';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { loadModelVersion, type ServedModel } from '@/lib/server/serving/load-version';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';

export const driftSettingsInput = z
  .strictObject({
    smallReferenceRows: z.number().int().min(0),
    pValue: z.number().gt(0).max(1),
    wassersteinThreshold: z.number().gt(0),
    jensenShannonThreshold: z.number().gt(0).max(1),
    psiWatch: z.number().gt(0),
    psiAct: z.number().gt(0),
    psiBins: z.number().int().min(2).max(100),
    datasetShare: z.number().gt(0).max(1),
    numericMethod: z.enum(['ks', 'wasserstein']),
    categoricalMethod: z.enum(['chisquare', 'jensenshannon']),
  })
  .partial();

export const driftSubject = z.union([z.strictObject({ snapshotId: z.string().min(1) }), z.strictObject({ batchId: z.string().min(1) })]);

/** The project's champion (the only model with a champion alias; with several, the oldest model). */
export async function projectChampion(projectId: string): Promise<ServedModel> {
  const alias = await db().modelAlias.findFirst({ where: { alias: 'champion', model: { projectId } }, orderBy: { model: { createdAt: 'asc' } } });
  if (!alias) throw new AppError('unprocessable', 'the project has no champion: register a run and promote it before monitoring drift');
  return loadModelVersion(alias.versionId);
}

function numericColumn(col: ArrayLike<unknown>): Float64Array {
  return Float64Array.from({ length: col.length }, (_, i) => {
    const v = col[i];
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
  });
}

function categoricalColumn(col: ArrayLike<unknown>): unknown[] {
  return Array.from({ length: col.length }, (_, i) => (isMissing(col[i]) ? null : col[i]));
}

function rowsOf(table: TableLike, rows: ArrayLike<number>): TableLike {
  const names = table.columnNames();
  const cache = new Map<string, unknown[]>();
  return {
    numRows: () => rows.length,
    columnNames: () => names.slice(),
    array(name: string) {
      let c = cache.get(name);
      if (!c) {
        const src = table.array(name);
        c = Array.from({ length: rows.length }, (_, i) => src[rows[i]]);
        cache.set(name, c);
      }
      return c;
    },
  };
}

/** The training rows of a run, reproduced from its snapshot and lineage.split. */
export async function trainingRows(runId: string): Promise<TableLike> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { snapshotId: true, lineage: true } });
  const split = ((run.lineage ?? {}) as { split?: { testFraction?: unknown; seed?: unknown } }).split;
  const { snapshot, data } = await loadSnapshotTable(run.snapshotId);
  if (typeof split?.testFraction !== 'number' || typeof split.seed !== 'number' || !snapshot.targetColumn || snapshot.positiveValue === null) return data.table;
  const col = data.table.array(snapshot.targetColumn);
  const keep: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < col.length; i++) {
    if (isMissing(col[i])) continue;
    keep.push(i);
    labels.push(String(col[i]) === snapshot.positiveValue ? 1 : 0);
  }
  const train = stratifiedTrainTestSplit(Uint8Array.from(labels), split.testFraction, split.seed).train;
  return rowsOf(data.table, Uint32Array.from(train, (i) => keep[i]));
}

function predictions(served: ServedModel, table: TableLike): Float64Array | null {
  try {
    const m = served.scorer.transformTable(table);
    return served.scorer.predictMatrix(m.X, m.nRows);
  } catch {
    return null; // a table the transform cannot read (missing columns): report features only
  }
}

/** Feature samples (reference vs current) for the champion's raw input fields present in both tables. */
export function featureSamples(served: ServedModel, reference: TableLike, current: TableLike): FeatureSample[] {
  const cur = new Set(current.columnNames());
  const ref = new Set(reference.columnNames());
  return served.inputSchema
    .filter((f) => f.use === 'input' && cur.has(f.name) && ref.has(f.name))
    .map((f) =>
      f.kind === 'numeric'
        ? { name: f.name, kind: 'numeric' as const, reference: numericColumn(reference.array(f.name)), current: numericColumn(current.array(f.name)) }
        : { name: f.name, kind: 'categorical' as const, reference: categoricalColumn(reference.array(f.name)), current: categoricalColumn(current.array(f.name)) },
    );
}

/** The project's drift settings: defaults overlaid with its enabled drift rule's `params.settings`. */
export async function projectDriftSettings(projectId: string): Promise<DriftSettings> {
  const rule = await db().alertRule.findFirst({ where: { projectId, kind: 'drift', enabled: true }, orderBy: { createdAt: 'asc' } });
  const parsed = driftSettingsInput.safeParse(((rule?.params ?? {}) as { settings?: unknown }).settings ?? {});
  return resolveDriftSettings(parsed.success ? parsed.data : {});
}

export function toDriftReportDTO(r: { id: string; projectId: string; modelName: string; modelVersion: number; subjectKind: string; subjectId: string; summary: unknown; features: unknown; settings: unknown; createdAt: Date }): DriftReportDTO {
  return { ...r, summary: r.summary as DriftReportDTO['summary'], features: r.features as DriftReportDTO['features'], settings: r.settings as DriftReportDTO['settings'], createdAt: r.createdAt.toISOString() };
}

/** Computes and stores a drift report of the champion against a snapshot or a score batch. */
export async function runDriftReport(projectId: string, subject: z.infer<typeof driftSubject>, opts: { settings?: Partial<DriftSettings> } = {}): Promise<DriftReportDTO> {
  const served = await projectChampion(projectId);
  const settings = resolveDriftSettings({ ...(await projectDriftSettings(projectId)), ...opts.settings });
  const version = await db().modelVersion.findUniqueOrThrow({ where: { id: served.versionId }, select: { runId: true } });
  const reference = await trainingRows(version.runId);
  let current: TableLike;
  let currentPred: Float64Array | null;
  let subjectKind: 'snapshot' | 'batch';
  let subjectId: string;
  if ('batchId' in subject) {
    const batch = await db().scoreBatch.findUnique({ where: { id: subject.batchId } });
    if (!batch || batch.projectId !== projectId) throw new AppError('not_found', `batchId: no score batch ${subject.batchId} in this project`);
    if (batch.status !== 'succeeded') throw new AppError('conflict', `batch ${batch.id} is ${batch.status}: only a succeeded batch has a drift report`);
    current = (await loadSnapshotTable(batch.snapshotId)).data.table;
    const scores = await db().customerScore.findMany({ where: { batchId: batch.id }, select: { probability: true } });
    currentPred = Float64Array.from(scores, (s) => s.probability);
    subjectKind = 'batch';
    subjectId = batch.id;
  } else {
    const snap = await db().snapshot.findUnique({ where: { id: subject.snapshotId }, select: { projectId: true } });
    if (!snap || snap.projectId !== projectId) throw new AppError('not_found', `snapshotId: no snapshot ${subject.snapshotId} in this project`);
    current = (await loadSnapshotTable(subject.snapshotId)).data.table;
    currentPred = predictions(served, current);
    subjectKind = 'snapshot';
    subjectId = subject.snapshotId;
  }
  const features = featureSamples(served, reference, current);
  if (features.length === 0) throw new AppError('unprocessable', `the ${subjectKind} has none of the champion's input fields (${served.inputSchema.filter((f) => f.use === 'input').map((f) => f.name).join(', ')})`);
  const refPred = predictions(served, reference);
  const result = computeDrift(features, refPred && currentPred ? { reference: refPred, current: currentPred } : null, settings);
  const row = await db().driftReport.create({
    data: {
      projectId,
      modelName: served.modelName,
      modelVersion: served.version,
      subjectKind,
      subjectId,
      summary: result.summary as unknown as Prisma.InputJsonValue,
      features: result.features as unknown as Prisma.InputJsonValue,
      settings: result.settings as unknown as Prisma.InputJsonValue,
    },
  });
  const dto = toDriftReportDTO(row);
  const { evaluateDriftReport } = await import('./alerts');
  await evaluateDriftReport(dto);
  return dto;
}

export async function listDriftReports(projectId: string, limit = 20): Promise<DriftReportDTO[]> {
  const rows = await db().driftReport.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, take: Math.min(Math.max(limit, 1), 200) });
  return rows.map(toDriftReportDTO);
}

/** The false-alarm check of the champion's reference at a batch size, with candidate settings (before saving a rule). */
export async function driftFalseAlarms(projectId: string, opts: { batchSize: number; trials?: number; settings?: Partial<DriftSettings> }): Promise<FalseAlarmResult> {
  const served = await projectChampion(projectId);
  const version = await db().modelVersion.findUniqueOrThrow({ where: { id: served.versionId }, select: { runId: true } });
  const reference = await trainingRows(version.runId);
  const features = featureSamples(served, reference, reference);
  return falseAlarmCheck(features, { batchSize: opts.batchSize, trials: opts.trials ?? 50, seed: 1, settings: { ...(await projectDriftSettings(projectId)), ...opts.settings } });
}
