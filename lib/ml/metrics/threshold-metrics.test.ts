import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, f1Score, precision, recall, scoresFromConfusion } from './index';
import { S, W, Y } from './test-fixtures';

describe('confusionMatrix and threshold metrics', () => {
  it('predicts 1 when score ≥ threshold (sklearn values at 0.5)', () => {
    expect(confusionMatrix(Y, S, 0.5)).toEqual({ tn: 8, fp: 4, fn: 2, tp: 6 });
    expect(accuracy(Y, S, 0.5)).toBeCloseTo(0.7, 15);
    expect(precision(Y, S, 0.5)).toBeCloseTo(0.6, 15);
    expect(recall(Y, S, 0.5)).toBeCloseTo(0.75, 15);
    expect(f1Score(Y, S, 0.5)).toBeCloseTo(0.6666666666666665, 14);
    expect(f1Score(Y, S, 0.5, W)).toBeCloseTo(0.6818181818181819, 14);
  });

  it('includes the boundary: score equal to threshold is positive', () => {
    expect(confusionMatrix([1, 0], [0.5, 0.5], 0.5)).toEqual({ tn: 0, fp: 1, fn: 0, tp: 1 });
  });

  it('zero_division = 0', () => {
    const none = scoresFromConfusion(confusionMatrix([0, 0, 1], [0.1, 0.2, 0.3], 0.9));
    expect(none.precision).toBe(0);
    expect(none.recall).toBe(0);
    expect(none.f1).toBe(0);
    expect(none.accuracy).toBeCloseTo(2 / 3, 15);
    const noPos = scoresFromConfusion(confusionMatrix([0, 0], [0.1, 0.2], 0.5));
    expect(noPos).toEqual({ accuracy: 1, precision: 0, recall: 0, f1: 0, specificity: 1 });
  });

  it('accepts hard 0/1 predictions and rejects a NaN threshold', () => {
    expect(accuracy([1, 0, 1], [1, 0, 0])).toBeCloseTo(2 / 3, 15);
    expect(() => accuracy([1], [1], NaN)).toThrow(TypeError);
  });
});
