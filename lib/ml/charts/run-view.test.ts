import { describe, expect, it } from 'vitest';
import { calibrationSpec, importanceSpec, lossSpec, prSpec, rocSpec } from './run-specs';
import {
  confusionAtThreshold,
  filterRuns,
  formatDuration,
  paramRows,
  readCalibration,
  readConfusion,
  readImportance,
  readLoss,
  readPr,
  readRoc,
  scoresOf,
  sortRuns,
  type RunLike,
} from './run-view';

const run = (id: string, family: string, metrics: Record<string, unknown>, params: Record<string, unknown> = {}, durationMs = 1000): RunLike => ({
  id,
  name: `${family} ${id}`,
  family,
  params,
  metrics,
  durationMs,
  createdAt: `2026-01-0${id}T00:00:00.000Z`,
});

describe('readers', () => {
  it('read loss from a job detail and skip malformed points', () => {
    expect(readLoss({ loss: [{ iteration: 1, train: 0.6, validation: 0.65 }, { iteration: 2, train: 0.5 }, { iteration: 'x' }] })).toEqual([
      { iteration: 1, train: 0.6, validation: 0.65 },
      { iteration: 2, train: 0.5, validation: null },
    ]);
    expect(readLoss(null)).toEqual([]);
    expect(readLoss({ loss: 'nope' })).toEqual([]);
  });

  it('read curves, mapping the leading +inf (JSON null) threshold to null', () => {
    const curves = { roc: { fpr: [0, 0.5, 1], tpr: [0, 0.8, 1], thresholds: [null, 0.4, 0.1] }, pr: { precision: [1, 0.5], recall: [0, 1], thresholds: [0.4] } };
    expect(readRoc(curves)).toEqual({ fpr: [0, 0.5, 1], tpr: [0, 0.8, 1], thresholds: [null, 0.4, 0.1] });
    expect(readPr(curves)?.recall).toEqual([0, 1]);
    expect(readRoc({ roc: { fpr: [0], tpr: [0, 1] } })).toBeNull();
    expect(readRoc({})).toBeNull();
    expect(readCalibration({ calibration: [{ meanPredicted: 0.1, fractionPositive: 0.12, count: 40 }, { meanPredicted: null }] })).toEqual([{ meanPredicted: 0.1, fractionPositive: 0.12, count: 40 }]);
  });

  it('prefer mean |SHAP| to split gain, and return null without either', () => {
    const imp = { splitGain: [{ feature: 'a', value: 3 }], meanAbsShap: [{ feature: 'b', value: 1 }, { feature: 'c', value: 2 }] };
    expect(readImportance(imp)).toEqual({ kind: 'meanAbsShap', label: 'mean |SHAP|', rows: [{ feature: 'c', value: 2 }, { feature: 'b', value: 1 }] });
    expect(readImportance({ splitGain: [{ feature: 'a', value: 3 }] })?.kind).toBe('splitGain');
    expect(readImportance({})).toBeNull();
  });
});

describe('confusionAtThreshold', () => {
  // 10 positives, 20 negatives.
  const totals = readConfusion({ confusion: { tp: 7, fp: 4, fn: 3, tn: 16 } })!;
  const roc = { fpr: [0, 0.1, 0.2, 0.5, 1], tpr: [0, 0.5, 0.7, 0.9, 1], thresholds: [null, 0.8, 0.5, 0.3, 0.05] };

  it('uses the lowest stored threshold at or above the chosen one: TP = tpr·P, FP = fpr·N', () => {
    expect(confusionAtThreshold(roc, totals, 0.5)).toEqual({ tp: 7, fp: 4, fn: 3, tn: 16, threshold: 0.5 });
    expect(confusionAtThreshold(roc, totals, 0.45)).toEqual({ tp: 7, fp: 4, fn: 3, tn: 16, threshold: 0.5 });
    expect(confusionAtThreshold(roc, totals, 0.31)).toEqual({ tp: 7, fp: 4, fn: 3, tn: 16, threshold: 0.5 });
    expect(confusionAtThreshold(roc, totals, 0.3)).toEqual({ tp: 9, fp: 10, fn: 1, tn: 10, threshold: 0.3 });
    expect(confusionAtThreshold(roc, totals, 0)).toEqual({ tp: 10, fp: 20, fn: 0, tn: 0, threshold: 0.05 });
  });

  it('predicts nothing positive above the highest score', () => {
    expect(confusionAtThreshold(roc, totals, 0.9)).toEqual({ tp: 0, fp: 0, fn: 10, tn: 20, threshold: null });
  });

  it('scores a confusion matrix', () => {
    const s = scoresOf({ tp: 7, fp: 4, fn: 3, tn: 16 });
    expect(s.precision).toBeCloseTo(7 / 11);
    expect(s.recall).toBeCloseTo(0.7);
    expect(s.f1).toBeCloseTo(14 / 21);
    expect(s.accuracy).toBeCloseTo(23 / 30);
  });
});

describe('runs table helpers', () => {
  const runs = [
    run('1', 'gbdt', { rocAuc: 0.8, logLoss: 0.5 }, { learning_rate: 0.1, max_iter: 200 }, 3000),
    run('2', 'logreg', { rocAuc: 0.84, logLoss: 0.45 }, { epochs: 50 }, 1000),
    run('3', 'gbdt', { rocAuc: null }, { learning_rate: 0.05, max_iter: 200 }, 2000),
  ];

  it('sorts by a metric either way, missing values last', () => {
    expect(sortRuns(runs, 'rocAuc', 'desc').map((r) => r.id)).toEqual(['2', '1', '3']);
    expect(sortRuns(runs, 'rocAuc', 'asc').map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(sortRuns(runs, 'durationMs', 'asc').map((r) => r.id)).toEqual(['2', '3', '1']);
    expect(sortRuns(runs, 'logLoss', 'asc').map((r) => r.id)).toEqual(['2', '1', '3']);
  });

  it('filters by family and by words of the name or params', () => {
    expect(filterRuns(runs, 'gbdt', '').map((r) => r.id)).toEqual(['1', '3']);
    expect(filterRuns(runs, '', 'learning_rate=0.05').map((r) => r.id)).toEqual(['3']);
    expect(filterRuns(runs, '', 'LOGREG').map((r) => r.id)).toEqual(['2']);
    expect(filterRuns(runs, 'gbdt', 'max_iter=200 0.1').map((r) => r.id)).toEqual(['1']);
  });

  it('lists params across runs and marks the differing ones', () => {
    const rows = paramRows([runs[0], runs[2]]);
    expect(rows).toEqual([
      { key: 'learning_rate', values: ['0.1', '0.05'], differs: true },
      { key: 'max_iter', values: ['200', '200'], differs: false },
    ]);
    expect(paramRows([runs[0], runs[1]]).find((r) => r.key === 'epochs')).toEqual({ key: 'epochs', values: ['—', '50'], differs: true });
  });

  it('formats durations', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

describe('specs', () => {
  it('loss: long format, validation only where measured', () => {
    const spec = lossSpec([{ iteration: 1, train: 0.6, validation: 0.7 }, { iteration: 2, train: 0.5, validation: null }]) as { data: { values: unknown[] } };
    expect(spec.data.values).toEqual([
      { iteration: 1, loss: 0.6, series: 'train' },
      { iteration: 1, loss: 0.7, series: 'validation' },
      { iteration: 2, loss: 0.5, series: 'train' },
    ]);
  });

  it('ROC: one colour per run only when overlaid, curve order kept, non-finite points dropped', () => {
    const one = rocSpec([{ run: 'a', x: [0, 0.5, 1], y: [0, 0.9, 1] }]) as { layer: { data: { values: { order: number }[] }; encoding: Record<string, unknown> }[] };
    expect(one.layer).toHaveLength(2);
    expect(one.layer[1].encoding.color).toBeUndefined();
    expect(one.layer[1].data.values.map((v) => v.order)).toEqual([0, 1, 2]);
    const two = rocSpec([{ run: 'a', x: [0, 1], y: [0, 1] }, { run: 'b', x: [0, NaN, 1], y: [0, 0.5, 1] }]) as typeof one;
    expect(two.layer[1].encoding.color).toMatchObject({ field: 'run', scale: { domain: ['a', 'b'] } });
    expect(two.layer[1].data.values).toHaveLength(4);
    expect(JSON.stringify(two)).not.toMatch(/calculate|filter/);
  });

  it('PR has a no-skill line only with a prevalence; calibration has a diagonal', () => {
    expect('layer' in prSpec([{ run: 'a', x: [0, 1], y: [1, 0.3] }])).toBe(false);
    expect((prSpec([{ run: 'a', x: [0, 1], y: [1, 0.3] }], 0.26) as { layer: unknown[] }).layer).toHaveLength(2);
    expect((calibrationSpec([{ meanPredicted: 0.1, fractionPositive: 0.1, count: 5 }]) as { layer: unknown[] }).layer).toHaveLength(2);
  });

  it('importance: top-N, largest first', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ feature: `f${i}`, value: i }));
    const spec = importanceSpec(rows, 'split gain', 10) as { data: { values: { feature: string }[] } };
    expect(spec.data.values).toHaveLength(10);
    expect(spec.data.values[0].feature).toBe('f29');
  });
});

describe('train params form', () => {
  it('prefills the seed params and parses them back', async () => {
    const { initialTexts, parseTexts } = await import('./train-params');
    const texts = initialTexts('gbdt', { learning_rate: 0.1, max_iter: 200, max_depth: 10, min_samples_leaf: 50, l2_regularization: 0.1, early_stopping: false, random_state: 42, max_leaf_nodes: 31 });
    expect(texts).toMatchObject({ learning_rate: '0.1', max_iter: '200', max_depth: '10', early_stopping: 'false', random_state: '42' });
    const parsed = parseTexts('gbdt', { ...texts, max_depth: '' });
    expect(parsed).toEqual({ ok: true, params: expect.objectContaining({ learning_rate: 0.1, max_iter: 200, max_depth: null, early_stopping: false }) });
    expect(parseTexts('gbdt', { ...texts, max_iter: '2.5' })).toEqual({ ok: false, error: 'max_iter: must be a whole number' });
    expect(parseTexts('mlp', { ...initialTexts('mlp', {}), hiddenUnits: '32, 16' })).toMatchObject({ ok: true, params: { hiddenUnits: [32, 16], epochs: 50 } });
    expect(parseTexts('logreg', initialTexts('logreg', {}))).toMatchObject({ ok: true, params: { epochs: 50 } });
    expect('hiddenUnits' in (parseTexts('logreg', initialTexts('logreg', {})) as { params: object }).params).toBe(false);
  });
});
