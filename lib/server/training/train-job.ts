/**
 * The training job: snapshot (validation gate) + feature spec + family/params → stratified split (seeded) →
 * features fitted on the training rows only → model fitted in a worker thread with per-iteration progress →
 * evaluation on the test rows → artifacts written content-addressed → one Run row (unique per job, so a
 * redelivered or retried job never makes a second run).
 */
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { selectRows } from '@/lib/data/sample';
import { isMissing } from '@/lib/data/table';
import { apply, fit } from '@/lib/features';
import { splitGainImportance } from '@/lib/ml/explain';
import { GbdtModel, stratifiedTrainTestSplit } from '@/lib/ml/gbdt';
import { evaluateBinary } from '@/lib/ml/metrics';
import { maxF1Threshold } from '@/lib/ml/threshold';
import { TfLogisticRegression, TfMlp } from '@/lib/ml/tfjs';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { defineJob } from '@/lib/server/jobs/define-job';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { storeContent } from '@/lib/server/storage/content-store';
import { fitInThread } from '@/lib/server/training/fit-in-thread';
import { parseParams } from '@/lib/server/training/model-families';
import { resolveFeatureSpec } from '@/lib/server/training/resolve-spec';
import { trainJobSpec } from '@/lib/server/training/train-spec';
import { validateBeforeTraining } from '@/lib/server/training/validate-before-training';


const encoder = new TextEncoder();

export const trainJob = defineJob({
  ...trainJobSpec,
  async handler(p, ctx) {
    const done = await db().run.findUnique({ where: { jobId: ctx.jobId } });
    if (done) return { runId: done.id, reused: true };
    const t0 = Date.now();
    const params = parseParams(p.family, p.params);
    const gate = await validateBeforeTraining(p.projectId, p.snapshotId, ctx.createdById);
    await ctx.progress(0.02, 'loading the snapshot');
    const { snapshot, data } = await loadSnapshotTable(p.snapshotId);
    if (snapshot.projectId !== p.projectId) throw new AppError('not_found', `no snapshot ${p.snapshotId} in this project`);
    const target = snapshot.targetColumn;
    if (!target || snapshot.positiveValue === null) throw new AppError('unprocessable', `snapshot "${snapshot.name}" has no target column: upload it again choosing one`);

    // Labels: the positive value → 1; rows without a label are left out.
    const col = data.table.array(target);
    const keep: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < col.length; i++) {
      if (isMissing(col[i])) continue;
      keep.push(i);
      labels.push(String(col[i]) === snapshot.positiveValue ? 1 : 0);
    }
    const positives = labels.reduce((a, b) => a + b, 0);
    if (positives === 0 || positives === labels.length) throw new AppError('unprocessable', `target "${target}" has a single class in this snapshot: nothing to learn`);
    const y = Uint8Array.from(labels);
    const split = stratifiedTrainTestSplit(y, p.testFraction, p.seed);
    const rowsOf = (idx: Uint32Array) => Uint32Array.from(idx, (i) => keep[i]);
    const trainTable = selectRows(data.table, rowsOf(split.train));
    const testTable = selectRows(data.table, rowsOf(split.test));
    const yTrain = Uint8Array.from(split.train, (i) => y[i]);
    const yTest = Uint8Array.from(split.test, (i) => y[i]);

    await ctx.progress(0.05, 'fitting the feature transform on the training rows');
    const spec = await resolveFeatureSpec(p.projectId, p.featureSpecId, data.table, target);
    const fitted = fit(spec.spec, trainTable, { targetColumn: target });
    const Xtr = apply(fitted, trainTable);
    const Xte = apply(fitted, testTable);

    const loss: { iteration: number; train: number; validation: number | null }[] = [];
    const explainRows = Math.min(Xte.nRows, 300); // exact TreeSHAP is costly: a sample suffices for mean |SHAP|
    const { model: modelJson, meanAbsShap: shap } = await fitInThread(
      {
        family: p.family,
        X: Xtr.X,
        y: yTrain,
        nRows: Xtr.nRows,
        featureNames: Xtr.featureNames,
        params,
        explainX: Xte.X.slice(0, explainRows * Xte.featureNames.length),
        explainRows,
      },
      {
        signal: ctx.signal,
        onIteration: (m) => {
          loss.push({ iteration: m.iteration, train: m.trainLoss, validation: m.validationLoss });
          void ctx.progress(0.1 + 0.75 * (m.iteration / m.total), `iteration ${m.iteration} of ${m.total}`, { loss }).catch(() => {});
        },
      },
    );
    ctx.signal.throwIfAborted();
    await ctx.progress(0.87, 'evaluating on the test rows', { loss }, { force: true });
    const model = p.family === 'gbdt' ? GbdtModel.fromJSON(modelJson) : p.family === 'logreg' ? TfLogisticRegression.fromJSON(modelJson) : TfMlp.fromJSON(modelJson);
    const proba = model.predictProbaBatch(Xte.X, Xte.nRows);
    const evaluation = evaluateBinary(yTest, proba, 0.5);
    const best = maxF1Threshold(yTest, proba);

    const importance: Record<string, { feature: string; value: number }[]> = {};
    if (model instanceof GbdtModel) {
      const rank = (v: ArrayLike<number>) => Array.from(v, (value, i) => ({ feature: Xte.featureNames[i], value })).sort((a, b) => b.value - a.value);
      if (shap) importance.meanAbsShap = rank(shap);
      importance.splitGain = rank(splitGainImportance(model));
    }

    await ctx.progress(0.93, 'writing artifacts');
    const modelFile = await storeContent('artifacts', 'json', encoder.encode(JSON.stringify(modelJson)));
    const transformFile = await storeContent('artifacts', 'json', encoder.encode(JSON.stringify(fitted)));
    const { rocCurve, prCurve, calibration, lift, ...metrics } = evaluation;
    const count = await db().run.count({ where: { projectId: p.projectId } });
    try {
      const run = await db().run.create({
        data: {
          projectId: p.projectId,
          jobId: ctx.jobId,
          snapshotId: snapshot.id,
          featureSpecId: spec.versionId,
          name: p.name || `${p.family} #${count + 1}`,
          family: p.family,
          params: params as Prisma.InputJsonValue,
          metrics: { ...metrics, bestF1Threshold: best.threshold, bestF1: best.f1 } as unknown as Prisma.InputJsonValue,
          curves: { roc: rocCurve, pr: prCurve, calibration, lift, loss, thresholdCurve: best.curve } as unknown as Prisma.InputJsonValue,
          importance: importance as Prisma.InputJsonValue,
          lineage: {
            snapshotHash: snapshot.hash,
            validationRunId: gate.run?.id ?? null,
            suiteVersion: gate.run?.suiteVersion ?? null,
            validationState: gate.state,
            overrideId: gate.override?.id ?? null,
            featureSpecVersion: spec.version,
            featureNames: Xte.featureNames,
            split: { testFraction: p.testFraction, seed: p.seed },
            codeVersion: env().GIT_COMMIT,
          } as Prisma.InputJsonValue,
          artifactHash: modelFile.hash,
          transformHash: transformFile.hash,
          trainRows: Xtr.nRows,
          testRows: Xte.nRows,
          durationMs: Date.now() - t0,
          createdById: ctx.createdById,
          log: loss.length ? `trained ${loss.length} iterations; final train loss ${loss.at(-1)!.train.toFixed(5)}` : '',
        },
      });
      return { runId: run.id, rocAuc: evaluation.rocAuc, f1: evaluation.f1 };
    } catch (err) {
      // Unique jobId: another delivery of this job finished first; keep its run.
      const other = await db().run.findUnique({ where: { jobId: ctx.jobId } });
      if (other) return { runId: other.id, reused: true };
      throw err;
    }
  },
});
