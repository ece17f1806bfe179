import { describe, expect, it } from 'vitest';
import { downsampleIndices, evaluateBinary, liftTable, rocAuc } from './index';
import { S, Y } from './test-fixtures';

describe('liftTable', () => {
  it('hand-computed deciles on 10 rows (one row per decile)', () => {
    const y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];
    const s = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const t = liftTable(y, s);
    expect(t).toHaveLength(10);
    expect(t.map((r) => r.positives)).toEqual(y);
    expect(t[0]).toMatchObject({ bin: 1, count: 1, rate: 1, cumulativePositives: 1, minScore: 0.95, maxScore: 0.95 });
    expect(t[0].lift).toBeCloseTo(1 / 0.3, 12);
    expect(t[1].cumulativeGain).toBeCloseTo(2 / 3, 12);
    expect(t[3].cumulativeGain).toBe(1);
    expect(t[3].cumulativeLift).toBeCloseTo(0.75 / 0.3, 12);
    expect(t[9].cumulativeLift).toBeCloseTo(1, 12);
  });

  it('splits 20 rows into 5 bins of 4, ranked by score', () => {
    const t = liftTable(Y, S, 5);
    expect(t.map((r) => r.count)).toEqual([4, 4, 4, 4, 4]);
    // ranks: 0.95 0.9 0.8 0.7 | 0.7 0.6 0.6 0.6 | 0.55 0.5 0.45 0.4 | 0.3 0.3 0.3 0.2 | 0.2 0.1 0.1 0.05
    expect(t.map((r) => r.positives)).toEqual([4, 1, 2, 1, 0]);
    expect(t[0].lift).toBeCloseTo(1 / 0.4, 12);
    expect(t[4].cumulativeGain).toBe(1);
  });

  it('throws without positives', () => {
    expect(() => liftTable([0, 0], [0.1, 0.2])).toThrow(RangeError);
  });
});

describe('downsampleIndices', () => {
  it('keeps first, last and requested indices within the budget', () => {
    expect(downsampleIndices(5, 200)).toEqual([0, 1, 2, 3, 4]);
    const idx = downsampleIndices(1000, 200, [333]);
    expect(idx.length).toBeLessThanOrEqual(200);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(idx).toContain(333);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});

describe('evaluateBinary', () => {
  it('bundles every metric as plain JSON', () => {
    const e = evaluateBinary(Y, S, 0.5);
    expect(e.n).toBe(20);
    expect(e.prevalence).toBe(0.4);
    expect(e.confusion).toEqual({ tn: 8, fp: 4, fn: 2, tp: 6 });
    expect(e.rocAuc).toBeCloseTo(0.828125, 12);
    expect(e.prAuc).toBeCloseTo(0.7760416666666666, 12);
    expect(e.logLoss).toBeCloseTo(0.48572941158094596, 12);
    expect(e.brier).toBeCloseTo(0.165, 12);
    expect(e.rocCurve!.thresholds[0]).toBeNull();
    expect(e.prCurve!.thresholds.length).toBe(e.prCurve!.precision.length - 1);
    expect(e.lift).toHaveLength(10);
    expect(e.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('downsamples curves to ≤ 200 points with the same AUC shape', () => {
    const n = 5000;
    const y = new Float64Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = ((i * 7919) % n) / n;
      y[i] = (i * 31) % 7 < 3 + 2 * s[i] ? 1 : 0;
    }
    const e = evaluateBinary(y, s, 0.5);
    expect(e.rocCurve!.fpr.length).toBeLessThanOrEqual(200);
    expect(e.prCurve!.precision.length).toBeLessThanOrEqual(200);
    expect(e.rocCurve!.fpr[e.rocCurve!.fpr.length - 1]).toBe(1);
    let area = 0;
    const { fpr, tpr } = e.rocCurve!;
    for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
    expect(area).toBeCloseTo(rocAuc(y, s), 2);
  });

  it('reports null (not NaN) for metrics undefined on single-class data', () => {
    const e = evaluateBinary([0, 0, 0], [0.1, 0.6, 0.3]);
    expect(e.rocAuc).toBeNull();
    expect(e.prAuc).toBeNull();
    expect(e.lift).toBeNull();
    expect(e.warnings.length).toBe(2);
    expect(e.accuracy).toBeCloseTo(2 / 3, 15);
    const allPos = evaluateBinary([1, 1], [0.4, 0.9]);
    expect(allPos.rocAuc).toBeNull();
    expect(allPos.prAuc).toBe(1);
  });

  it('validates inputs', () => {
    expect(() => evaluateBinary([0, 1], [0.2, 1.5])).toThrow(RangeError);
    expect(() => evaluateBinary([0, 1], [0.2])).toThrow(/evaluateBinary: yTrue has 2 values but yScore has 1/);
  });
});
