import { describe, expect, it } from 'vitest';
import { RandomState } from './rng';
import { stratifiedTrainTestSplit } from './train-test-split';

describe('RandomState (numpy MT19937 compatible)', () => {
  it('matches numpy random_sample for seeds 0 and 42', () => {
    expect(new RandomState(0).randomSample()).toBe(0.5488135039273248);
    expect(new RandomState(42).randomSample()).toBe(0.3745401188473625);
  });
  it('matches numpy permutation(10) for seed 42', () => {
    expect(Array.from(new RandomState(42).permutation(10))).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6]);
  });
  it('rejects bad seeds', () => {
    expect(() => new RandomState(-1)).toThrow(RangeError);
    expect(() => new RandomState(1.5)).toThrow(/random_state/);
  });
});

describe('stratifiedTrainTestSplit', () => {
  it('keeps class proportions, partitions all rows, is deterministic', () => {
    const y = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const a = stratifiedTrainTestSplit(y, 0.2, 7);
    const b = stratifiedTrainTestSplit(y, 0.2, 7);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(a.test.length).toBe(Math.ceil(0.2 * 103));
    expect(new Set([...a.train, ...a.test]).size).toBe(103);
    const pos = Array.from(a.test).filter((i) => y[i] === 1).length;
    expect(Math.abs(pos - 0.2 * 26)).toBeLessThanOrEqual(1);
  });
  it('throws when a class has a single member', () => {
    expect(() => stratifiedTrainTestSplit([0, 0, 0, 1], 0.5, 1)).toThrow(RangeError);
  });
});
