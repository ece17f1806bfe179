/**
 * The pipeline, defined once: data (ingest from the project's SQL source, or its newest snapshot when it has none)
 * → validate (the gate: a failed error-level expectation stops the run before training) → features (the spec is
 * resolved and checked on the snapshot) → train (the training job) → evaluate (candidate and champion on the same
 * fresh holdout) → registry (register, then the retrain gate). The notebook ("Run all"), the CLI, the worker's
 * scheduler and the cron routes all run it through the `pipeline` job. Each stage is recorded in a PipelineRun;
 * the first failure stops the run and is recorded with its stage and reason.
 */
import { ZodError } from 'zod';
import { sampleRows } from '@/lib/data/sample';
import { apply, fit } from '@/lib/features';
import { ingestWindowEnd, type PipelineRunDTO, type PipelineStageId, type PipelineTrigger } from '@/lib/pipeline/settings';
import { db } from '@/lib/server/db/client';
import { JobCancelledError } from '@/lib/server/jobs/define-job';
import { ingestJob } from '@/lib/server/jobs/ingest-job';
import { AppError, zodIssues } from '@/lib/server/errors';
import { registerRunForPipeline, setAlias } from '@/lib/server/registry/registry';
import { listSnapshots, loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { parseParams } from '@/lib/server/training/model-families';
import { resolveFeatureSpec } from '@/lib/server/training/resolve-spec';
import { getRun } from '@/lib/server/training/runs';
import { trainJob } from '@/lib/server/training/train-job';
import { trainingGate } from '@/lib/server/validation/gate';
import { runValidation } from '@/lib/server/validation/run-validation';
import { latestSuite } from '@/lib/server/validation/suites';
import { getPipelineRun, PipelineRecorder, StageFailure } from './pipeline-runs';
import { decideRetrainGate, holdoutAuc, reproduceHoldout, runScorer } from './retrain-gate';
import { runChildJob } from './run-child-job';
import { getPipelineSettings } from './settings';

export interface RunPipelineOptions {
  projectId: string;
  trigger: PipelineTrigger;
  /** the pipeline job (null when run outside the queue) */
  jobId: string | null;
  createdById: string | null;
  /** worker id the child jobs run under (the parent's, so its heartbeat covers them) */
  workerId: string;
  signal?: AbortSignal;
  progress?: (fraction: number, message: string) => Promise<void>;
  log?: (message: string) => void;
  /** the run date (window ends are derived from it); default now */
  now?: Date;
}

const FEATURE_CHECK_ROWS = 5000;

const auc = (x: number) => x.toFixed(4);

/** Runs the pipeline once and returns its record (status `succeeded` or `failed`); throws only when cancelled. */
export async function runPipeline(opts: RunPipelineOptions): Promise<PipelineRunDTO> {
  const project = await db().project.findUnique({ where: { id: opts.projectId }, select: { id: true, slug: true } });
  if (!project) throw new AppError('not_found', `no project ${opts.projectId}`);
  const settings = await getPipelineSettings(project.id);
  const signal = opts.signal ?? new AbortController().signal;
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const rec = await PipelineRecorder.create({ projectId: project.id, trigger: opts.trigger, jobId: opts.jobId, createdById: opts.createdById });
  const child = { projectId: project.id, createdById: opts.createdById, workerId: opts.workerId, signal, log };
  let stage: PipelineStageId = 'data';
  const begin = async (id: PipelineStageId, fraction: number, summary: string) => {
    stage = id;
    signal.throwIfAborted();
    await rec.start(id, summary);
    await opts.progress?.(fraction, `${id}: ${summary}`);
    log(`${id}: ${summary}`);
  };

  try {
    // ---- data ------------------------------------------------------------------------------------------------
    await begin('data', 0.02, 'finding the data');
    const sources = await db().dataSource.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } });
    const source = settings.ingest.sourceId ? sources.find((s) => s.id === settings.ingest.sourceId) : sources[0];
    if (settings.ingest.sourceId && !source) throw new StageFailure(`settings.ingest.sourceId: no source ${settings.ingest.sourceId} in this project`);
    let snapshotId: string;
    if (source) {
      const end = ingestWindowEnd(settings.ingest, now, 'train');
      const payload = { projectId: project.id, sourceId: source.id, end, days: settings.ingest.windowDays, horizonDays: settings.ingest.labelHorizonDays, signupFilter: settings.ingest.signupFilter };
      const { jobId, result } = await runChildJob(ingestJob, payload, child);
      snapshotId = result.snapshotId;
      await rec.pass(
        'data',
        `ingested ${result.rowCount.toLocaleString('en-US')} customers from "${source.name}": ${settings.ingest.windowDays} days to ${end}${result.created ? '' : ' (identical data: existing snapshot reused)'}`,
        { ingested: true, sourceId: source.id, end, days: settings.ingest.windowDays, horizonDays: settings.ingest.labelHorizonDays, ingestJobId: jobId, snapshotId, rowCount: result.rowCount, created: result.created },
        { snapshotId, ingestJobId: jobId },
      );
    } else {
      const newest = (await listSnapshots(project.id)).find((s) => s.targetColumn && s.positiveValue !== null && !s.archivedAt);
      if (!newest) throw new StageFailure('the project has no SQL source and no snapshot with a target column: upload data first');
      snapshotId = newest.id;
      await rec.pass('data', `no SQL source: using the newest snapshot "${newest.name}" (${newest.rowCount.toLocaleString('en-US')} rows)`, { ingested: false, snapshotId, rowCount: newest.rowCount }, { snapshotId, ingestJobId: null });
    }

    // ---- validate (the gate) ---------------------------------------------------------------------------------
    await begin('validate', 0.15, 'running the expectation suite');
    const suite = await latestSuite(project.id);
    // Validated already with the current suite version (an identical ingest reuses its snapshot): that verdict
    // stands, including an approver's override of it; otherwise validate now.
    const judged = suite ? await db().validationRun.findFirst({ where: { snapshotId }, orderBy: { createdAt: 'desc' }, select: { suiteId: true } }) : null;
    const revalidated = !!suite && judged?.suiteId !== suite.id;
    if (revalidated) await runValidation(project.id, snapshotId, suite!.id, opts.createdById);
    const gate = await trainingGate(snapshotId);
    const vdetail = {
      state: gate.state,
      revalidated,
      validationRunId: gate.run?.id ?? null,
      suite: suite ? `${suite.name} v${suite.version}` : null,
      evaluated: gate.run?.evaluated ?? 0,
      failedErrors: gate.run?.failedErrors ?? 0,
      failedWarnings: gate.run?.failedWarnings ?? 0,
      failed: gate.failed,
    };
    if (!gate.allowed) throw new StageFailure(gate.reason, vdetail);
    await rec.pass('validate', gate.reason, vdetail, { validationRunId: gate.run?.id ?? null });

    // ---- features --------------------------------------------------------------------------------------------
    await begin('features', 0.22, 'resolving the feature spec');
    const { snapshot, data } = await loadSnapshotTable(snapshotId);
    const target = snapshot.targetColumn!;
    const spec = await resolveFeatureSpec(project.id, settings.features.specVersionId ?? undefined, data.table, target);
    const specLabel = spec.version === null ? 'the spec derived from the data' : `feature spec v${spec.version}`;
    let nFeatures: number;
    try {
      const sample = sampleRows(data.table, FEATURE_CHECK_ROWS, 42);
      nFeatures = apply(fit(spec.spec, sample, { targetColumn: target }), sample).featureNames.length;
    } catch (e) {
      throw new StageFailure(`${specLabel} does not apply to snapshot "${snapshot.name}": ${(e as Error).message}`, { featureSpecVersion: spec.version });
    }
    await rec.pass('features', `${specLabel}: ${nFeatures} features`, { featureSpecId: spec.versionId, featureSpecVersion: spec.version, features: nFeatures }, { featureSpecVersion: spec.version });

    // ---- train -----------------------------------------------------------------------------------------------
    await begin('train', 0.3, `training ${settings.training.family}`);
    let params: Record<string, unknown>;
    try {
      params = parseParams(settings.training.family, settings.training.params);
    } catch (e) {
      if (e instanceof ZodError) throw new StageFailure(`settings.training.params: ${zodIssues(e).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      throw e;
    }
    const trained = await runChildJob(
      trainJob,
      {
        projectId: project.id,
        snapshotId,
        featureSpecId: spec.versionId ?? undefined,
        family: settings.training.family,
        params,
        testFraction: settings.training.testFraction,
        seed: settings.training.seed,
        name: `pipeline ${now.toISOString().slice(0, 10)} (${opts.trigger})`,
      },
      { ...child, onQueued: (jobId) => rec.note('train', { trainJobId: jobId }, { trainJobId: jobId }) },
    );
    const runId = trained.result.runId;
    const run = await getRun(runId);
    await rec.pass('train', `run "${run.name}": ${run.trainRows} training rows, test ROC AUC ${auc(Number(run.metrics.rocAuc))}`, { trainJobId: trained.jobId, runId, family: run.family, durationMs: run.durationMs }, { trainJobId: trained.jobId, runId });

    // ---- evaluate: candidate and champion on the same fresh holdout -----------------------------------------
    await begin('evaluate', 0.85, 'scoring the new run and the champion on the same holdout');
    const holdout = await reproduceHoldout(runId);
    const candidateAuc = holdoutAuc(await runScorer(runId), holdout);
    const model = settings.registry.modelName
      ? await db().registeredModel.findUnique({ where: { name: settings.registry.modelName } })
      : await db().registeredModel.findFirst({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } });
    const champAlias = model && model.projectId === project.id ? await db().modelAlias.findUnique({ where: { modelId_alias: { modelId: model.id, alias: 'champion' } }, include: { version: true } }) : null;
    let champion: { version: number; auc: number | null; error?: string } | null = null;
    if (champAlias) {
      const v = champAlias.version;
      try {
        champion = { version: v.version, auc: holdoutAuc(await runScorer(v.runId, { threshold: v.threshold, inputSchema: v.inputSchema, reference: v.reference }), holdout) };
      } catch (e) {
        champion = { version: v.version, auc: null, error: (e as Error).message };
      }
    }
    const metrics = Object.fromEntries(['rocAuc', 'prAuc', 'f1', 'logLoss', 'brier', 'accuracy'].filter((k) => typeof run.metrics[k] === 'number').map((k) => [k, run.metrics[k]]));
    await rec.pass(
      'evaluate',
      `holdout ROC AUC ${auc(candidateAuc)} (${holdout.y.length} rows)${champion ? `; champion v${champion.version}: ${champion.auc === null ? 'could not be scored' : auc(champion.auc)}` : '; no champion yet'}`,
      { metrics, holdoutRows: holdout.y.length, candidateAuc, champion },
    );

    // ---- registry: register, then the retrain gate -----------------------------------------------------------
    await begin('registry', 0.95, 'registering the new version');
    const version = await registerRunForPipeline(opts.createdById, project, { runId, modelName: settings.registry.modelName ?? undefined, note: `pipeline run (${opts.trigger})` });
    const lineage = run.lineage as { validationState?: unknown };
    const decision = decideRetrainGate({
      autoPromote: settings.registry.autoPromote,
      margin: settings.registry.promoteMargin,
      validationState: typeof lineage.validationState === 'string' ? lineage.validationState : null,
      candidateAuc,
      champion,
      holdoutRows: holdout.y.length,
    });
    await setAlias(null, version.modelName, { alias: decision.alias!, version: version.version, reason: decision.reason }, { action: decision.promoted ? 'auto_promoted' : 'auto_promotion_declined' });
    await rec.pass(
      'registry',
      `${version.modelName} v${version.version} is the ${decision.alias}: ${decision.reason}`,
      { modelName: version.modelName, version: version.version, ...decision },
      { modelName: version.modelName, version: version.version, promoted: decision.promoted, gate: decision },
    );
    await rec.succeed();
    await opts.progress?.(1, `${version.modelName} v${version.version}: ${decision.promoted ? 'promoted to champion' : 'challenger'}`);
  } catch (err) {
    const cancelled = err instanceof JobCancelledError || signal.aborted;
    const reason = cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err);
    await rec.fail(stage, reason, err instanceof StageFailure ? err.detail : {});
    log(`failed at ${stage}: ${reason}`);
    if (cancelled) throw err;
  }
  return getPipelineRun(rec.id);
}
