import { describe, expect, it } from 'vitest';
import { averagePrecision, binaryClfCurve, precisionRecallCurve, rocAuc, rocCurve } from './index';
import { S, W, Y } from './test-fixtures';

const arr = (a: ArrayLike<number>) => Array.from(a);

describe('rocAuc', () => {
  it('matches hand-computed values without ties', () => {
    // pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 → 3/4
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15);
  });

  it('counts a tied positive/negative pair as half', () => {
    // pos {0.5, 0.9} vs neg {0.5, 0.2}: 0.9 beats both (2), 0.5 ties 0.5 (½), 0.5 beats 0.2 (1) → 3.5/4
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 15);
    // all scores tied → 0.5
    expect(rocAuc([0, 1, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('matches sklearn roc_auc_score on a tied 20-row set, unweighted and weighted', () => {
    expect(rocAuc(Y, S)).toBeCloseTo(0.828125, 12);
    expect(rocAuc(Y, S, W)).toBeCloseTo(0.8500881834215167, 12);
  });

  it('is invariant to monotone transforms and accepts any real scores', () => {
    const logits = S.map((p) => Math.log(p / (1 - p)) * 3 - 7);
    expect(rocAuc(Y, logits)).toBeCloseTo(rocAuc(Y, S), 14);
    expect(rocAuc(Y, Float64Array.from(S))).toBeCloseTo(0.828125, 12);
  });

  it('equals the pairwise (Mann–Whitney) statistic on random data with many ties', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const y: number[] = [];
    const s: number[] = [];
    for (let i = 0; i < 300; i++) {
      y.push(rnd() < 0.3 ? 1 : 0);
      s.push(Math.round(rnd() * 10) / 10);
    }
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < 300; i++) {
      if (y[i] !== 1) continue;
      for (let j = 0; j < 300; j++) {
        if (y[j] !== 0) continue;
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }
    expect(rocAuc(y, s)).toBeCloseTo(wins / pairs, 12);
  });

  it('throws RangeError on single-class yTrue (undefined, as sklearn)', () => {
    expect(() => rocAuc([0, 0, 0], [0.1, 0.2, 0.3])).toThrow(RangeError);
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(/only one class.*only 1s/);
  });
});

describe('input validation', () => {
  it('names the problem', () => {
    expect(() => rocAuc([0, 1], [0.1])).toThrow(new RangeError('rocAuc: yTrue has 2 values but yScore has 1'));
    expect(() => rocAuc([], [])).toThrow(/empty input/);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/yTrue\[1\] = 2 is not a binary label/);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(TypeError);
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(/yScore\[1\] is NaN/);
    expect(() => rocAuc([0, 1], [0.1, 0.2], [1, -1])).toThrow(/sampleWeight\[1\] = -1/);
    expect(() => rocAuc([0, 1], [0.1, 0.2], [1])).toThrow(/sampleWeight has 1 values, expected 2/);
    expect(() => rocAuc(null as unknown as number[], [0.1])).toThrow(TypeError);
  });
});

describe('rocCurve', () => {
  it('matches sklearn roc_curve with drop_intermediate (first threshold +Infinity, sklearn ≥ 1.3)', () => {
    const c = rocCurve(Y, S);
    expect(arr(c.fpr)).toEqual([
      0.0, 0.0, 0.0, 0.08333333333333333, 0.25, 0.25, 0.4166666666666667, 0.4166666666666667, 0.5833333333333334,
      0.9166666666666666, 1.0,
    ]);
    expect(arr(c.tpr)).toEqual([0.0, 0.125, 0.375, 0.5, 0.625, 0.75, 0.75, 0.875, 1.0, 1.0, 1.0]);
    expect(arr(c.thresholds)).toEqual([Infinity, 0.95, 0.8, 0.7, 0.6, 0.55, 0.45, 0.4, 0.3, 0.1, 0.05]);
  });

  it('keeps every distinct threshold without drop_intermediate', () => {
    const c = rocCurve(Y, S, { dropIntermediate: false });
    expect(c.fpr.length).toBe(14);
    expect(arr(c.thresholds).slice(1)).toEqual([0.95, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.3, 0.2, 0.1, 0.05]);
    expect(c.tpr[7]).toBe(0.75);
    expect(c.fpr[7]).toBeCloseTo(1 / 3, 15);
  });
});

describe('binaryClfCurve', () => {
  it('accumulates counts at distinct thresholds, descending', () => {
    const c = binaryClfCurve([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]);
    expect(arr(c.thresholds)).toEqual([0.9, 0.5, 0.2]);
    expect(arr(c.tps)).toEqual([1, 2, 2]);
    expect(arr(c.fps)).toEqual([0, 1, 2]);
  });
});

describe('averagePrecision and precisionRecallCurve', () => {
  it('hand-computed: Σ ΔR·P over distinct thresholds', () => {
    // t=0.9: P=1, R=½; t=0.5: P=2/3, R=1 → ½·1 + ½·⅔ = 5/6
    expect(averagePrecision([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(5 / 6, 15);
    // t=0.8: P=1,R=½; 0.4: P=½; 0.35: P=⅔,R=1 → ½ + ½·⅔
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
    expect(averagePrecision([1, 1], [0.2, 0.3])).toBe(1);
  });

  it('matches sklearn average_precision_score, unweighted and weighted', () => {
    expect(averagePrecision(Y, S)).toBeCloseTo(0.7760416666666666, 12);
    expect(averagePrecision(Y, S, W)).toBeCloseTo(0.8148391843125635, 12);
  });

  it('matches sklearn precision_recall_curve', () => {
    const c = precisionRecallCurve(Y, S);
    const expP = [
      0.4, 0.42105263157894735, 0.47058823529411764, 0.5333333333333333, 0.5833333333333334, 0.5454545454545454, 0.6,
      0.6666666666666666, 0.625, 0.8, 1.0, 1.0, 1.0, 1.0,
    ];
    arr(c.precision).forEach((p, i) => expect(p).toBeCloseTo(expP[i], 14));
    expect(arr(c.recall)).toEqual([1.0, 1.0, 1.0, 1.0, 0.875, 0.75, 0.75, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0.0]);
    expect(arr(c.thresholds)).toEqual([0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95]);
  });

  it('throws RangeError without positives', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/no positives/);
    expect(() => precisionRecallCurve([0, 0], [0.1, 0.2])).toThrow(RangeError);
  });
});
