import { describe, expect, it } from 'vitest';
import { expectedProfitCurve, maxF1Threshold, profitCurve } from './index';

// Scores descending: 0.9(1) 0.8(1) 0.7(0) 0.6(1) 0.4(0) 0.4(1) 0.2(0) 0.1(0); 4 positives.
const y = [0, 1, 0, 1, 1, 0, 0, 1];
const s = [0.1, 0.9, 0.4, 0.6, 0.8, 0.2, 0.7, 0.4];

describe('maxF1Threshold', () => {
  it('hand-computed: best F1 over distinct thresholds', () => {
    // t: tp fp → F1 = 2tp/(tp+fp+4): .9:1,0→.4 .8:2,0→.667 .7:2,1→.571 .6:3,1→.75 .4:4,2→.8 .2:4,3→.727 .1:4,4→.667
    const r = maxF1Threshold(y, s);
    expect(r.threshold).toBe(0.4);
    expect(r.f1).toBeCloseTo(0.8, 15);
    expect(r.precision).toBeCloseTo(4 / 6, 15);
    expect(r.recall).toBe(1);
    expect(r.curve.map((p) => p.threshold)).toEqual([0.9, 0.8, 0.7, 0.6, 0.4, 0.2, 0.1]);
    expect(r.curve[3].f1).toBeCloseTo(0.75, 15);
  });

  it('breaks ties toward the higher threshold', () => {
    // t=.9: tp1 fp0 → 2/3; t=.5: tp2 fp2 → 2/3 → keeps 0.9
    expect(maxF1Threshold([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.5]).threshold).toBe(0.9);
  });

  it('caps the curve at maxPoints and keeps the best', () => {
    const n = 1000;
    const yy = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const ss = Array.from({ length: n }, (_, i) => ((i * 37) % n) / n + (i % 3 === 0 ? 0.3 : 0));
    const r = maxF1Threshold(yy, ss, { maxPoints: 50 });
    expect(r.curve.length).toBeLessThanOrEqual(50);
    expect(r.curve.some((p) => p.threshold === r.threshold && p.f1 === r.f1)).toBe(true);
  });

  it('throws on single-class labels', () => {
    expect(() => maxF1Threshold([0, 0], [0.1, 0.2])).toThrow(RangeError);
  });
});

describe('profitCurve (labelled)', () => {
  const params = { costPerContact: 10, valueRetained: 100, successRate: 0.3 }; // +30 per churner contacted
  it('hand-computed: profit = 30·tp − 10·contacted', () => {
    const r = profitCurve(y, s, params);
    // .9: 30−10=20; .8: 60−20=40; .7: 60−30=30; .6: 90−40=50; .4: 120−60=60; .2: 120−70=50; .1: 120−80=40
    expect(r.curve.map((p) => p.profit)).toEqual([20, 40, 30, 50, 60, 50, 40]);
    expect(r.curve.map((p) => p.contacted)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(r.threshold).toBe(0.4);
    expect(r.profit).toBe(60);
    expect(r.contacted).toBe(6);
    expect(r.curve[4].contactedFraction).toBe(0.75);
  });

  it('returns threshold null when contacting anyone loses money', () => {
    const r = profitCurve(y, s, { costPerContact: 50, valueRetained: 100, successRate: 0.3 });
    expect(r.threshold).toBeNull();
    expect(r.profit).toBe(0);
    expect(r.curve[0].profit).toBe(-20);
  });

  it('validates params', () => {
    expect(() => profitCurve(y, s, { ...params, successRate: 1.5 })).toThrow(/successRate = 1.5/);
    expect(() => profitCurve(y, s, { ...params, costPerContact: NaN })).toThrow(/costPerContact/);
  });
});

describe('expectedProfitCurve (unlabelled)', () => {
  it('hand-computed: Σ p·successRate·value − cost over contacted', () => {
    const p = [0.9, 0.5, 0.5, 0.2, 0.05];
    const r = expectedProfitCurve(p, { costPerContact: 10, valueRetained: 100, successRate: 0.4 });
    // 40·Σp − 10·k: .9: 36−10=26; .5 (k=3): 40·1.9−30=46; .2: 40·2.1−40=44; .05: 40·2.15−50=36
    const profits = r.curve.map((q) => q.profit);
    [26, 46, 44, 36].forEach((v, i) => expect(profits[i]).toBeCloseTo(v, 12));
    expect(r.threshold).toBe(0.5);
    expect(r.contacted).toBe(3);
    expect(r.curve[1].positivesContacted).toBeCloseTo(1.9, 15);
  });

  it('rejects NaN and non-probabilities', () => {
    const params = { costPerContact: 1, valueRetained: 1, successRate: 1 };
    expect(() => expectedProfitCurve([0.1, NaN], params)).toThrow(TypeError);
    expect(() => expectedProfitCurve([0.1, 2], params)).toThrow(RangeError);
    expect(() => expectedProfitCurve([], params)).toThrow(/empty/);
  });
});
