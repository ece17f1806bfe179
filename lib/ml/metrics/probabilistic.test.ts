import { describe, expect, it } from 'vitest';
import { brierScore, calibrationCurve, logLoss } from './index';
import { S, W, Y } from './test-fixtures';

describe('logLoss', () => {
  it('hand-computed', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });
  it('matches sklearn log_loss, unweighted and weighted', () => {
    expect(logLoss(Y, S)).toBeCloseTo(0.48572941158094596, 12);
    expect(logLoss(Y, S, W)).toBeCloseTo(0.46338331661807625, 12);
  });
  it('clips at eps = 1e-15 (sklearn gives 17.26978799617044 here)', () => {
    expect(logLoss([1, 0], [1, 1])).toBeCloseTo(17.26978799617044, 6);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });
  it('rejects probabilities outside [0, 1]', () => {
    expect(() => logLoss([1, 0], [1.2, 0.1])).toThrow(/yScore\[0\] = 1.2 is not a probability/);
  });
});

describe('brierScore', () => {
  it('hand-computed and sklearn', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 15);
    expect(brierScore(Y, S)).toBeCloseTo(0.165, 12);
    expect(brierScore(Y, S, W)).toBeCloseTo(0.155625, 12);
  });
});

describe('calibrationCurve', () => {
  it('matches sklearn calibration_curve (uniform, 5 bins): values on an inner edge go to the lower bin', () => {
    const bins = calibrationCurve(Y, S, { nBins: 5 });
    expect(bins.map((b) => b.fractionPositive)).toEqual([0.0, 0.5, 1 / 3, 2 / 3, 1.0]);
    const expPred = [0.13000000000000003, 0.325, 0.5499999999999999, 0.7333333333333334, 0.925];
    bins.forEach((b, i) => expect(b.meanPredicted).toBeCloseTo(expPred[i], 14));
    // 0.2 sits on an edge → lower bin (5 values ≤ 0.2); 0.6 < 0.6000000000000001 (numpy linspace edge) → bin 3
    expect(bins.map((b) => b.count)).toEqual([5, 4, 6, 3, 2]);
    expect(bins[0].binLower).toBe(0);
    expect(bins[4].binUpper).toBe(1);
  });

  it('matches sklearn calibration_curve (quantile, 4 bins)', () => {
    const bins = calibrationCurve(Y, S, { nBins: 4, strategy: 'quantile' });
    expect(bins.map((b) => b.fractionPositive)).toEqual([0.0, 0.4, 0.4, 0.8]);
    const expPred = [0.13000000000000003, 0.35, 0.57, 0.8100000000000002];
    bins.forEach((b, i) => expect(b.meanPredicted).toBeCloseTo(expPred[i], 14));
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(20);
  });

  it('drops empty bins and validates options', () => {
    const bins = calibrationCurve([0, 1, 1], [0.05, 0.95, 0.92], { nBins: 10 });
    expect(bins.map((b) => b.count)).toEqual([1, 2]);
    expect(bins[1].binLower).toBeCloseTo(0.9, 15);
    expect(() => calibrationCurve([0, 1], [0.1, 0.2], { nBins: 0 })).toThrow(RangeError);
  });
});
