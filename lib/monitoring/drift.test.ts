import { describe, expect, it } from 'vitest';
import { computeDrift, featureDrift, resolveDriftSettings } from './drift';
import { falseAlarmCheck, mulberry32 } from './false-alarm';

const rand = mulberry32(7);
const gauss = (m: number, s: number, n: number) =>
  Float64Array.from({ length: n }, () => m + s * Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand()));

describe('drift rules (Evidently-like defaults)', () => {
  it('picks KS / chi-square for references ≤ 1000 rows and Wasserstein / JS above', () => {
    expect(featureDrift({ name: 'x', kind: 'numeric', reference: gauss(0, 1, 800), current: gauss(0, 1, 500) }).method).toBe('ks');
    expect(featureDrift({ name: 'x', kind: 'numeric', reference: gauss(0, 1, 1200), current: gauss(0, 1, 500) }).method).toBe('wasserstein');
    expect(featureDrift({ name: 'c', kind: 'categorical', reference: Array(1000).fill('a'), current: ['a'] }).method).toBe('chisquare');
    expect(featureDrift({ name: 'c', kind: 'categorical', reference: Array(1001).fill('a'), current: ['a'] }).method).toBe('jensenshannon');
  });

  it('a half-sd shift drifts; the same distribution does not', () => {
    const ref = gauss(10, 2, 3000);
    const same = featureDrift({ name: 't', kind: 'numeric', reference: ref, current: gauss(10, 2, 2000) });
    const shifted = featureDrift({ name: 't', kind: 'numeric', reference: ref, current: gauss(11, 2, 2000) });
    expect(same.drifted).toBe(false);
    expect(same.psiVerdict).toBe('stable');
    expect(shifted.drifted).toBe(true);
    expect(shifted.statistic).toBeGreaterThan(0.4); // normed Wasserstein ≈ 0.5
    expect(shifted.psi).toBeGreaterThan(0.2);
    expect(shifted.psiVerdict).toBe('act');
    expect(shifted.distribution.reference.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(shifted.distribution.labels).toHaveLength(10);
  });

  it('dataset drift when at least half of the features drift; prediction drift reported apart', () => {
    const r = computeDrift(
      [
        { name: 'a', kind: 'numeric', reference: gauss(0, 1, 2000), current: gauss(1, 1, 1000) },
        { name: 'b', kind: 'numeric', reference: gauss(0, 1, 2000), current: gauss(0, 1, 1000) },
      ],
      { reference: gauss(0.3, 0.1, 2000), current: gauss(0.3, 0.1, 1000) },
    );
    expect(r.summary).toMatchObject({ features: 2, drifted: 1, share: 0.5, datasetDrift: true });
    expect(r.summary.prediction?.drifted).toBe(false);
    expect(computeDrift([], null).summary.datasetDrift).toBe(false);
  });

  it('settings are configurable and validated', () => {
    const strict = featureDrift({ name: 'x', kind: 'numeric', reference: gauss(0, 1, 2000), current: gauss(0.05, 1, 2000) }, resolveDriftSettings({ wassersteinThreshold: 0.01 }));
    expect(strict.drifted).toBe(true);
    expect(() => resolveDriftSettings({ pValue: 2 })).toThrow(/pValue/);
    expect(() => resolveDriftSettings({ psiWatch: 0.3, psiAct: 0.2 })).toThrow(/psiWatch/);
  });
});

describe('false-alarm check', () => {
  it('KS at p < 0.05 fires about 5 % of the time on undrifted data; a tiny Wasserstein threshold fires always', () => {
    const reference = [{ name: 'x', kind: 'numeric' as const, reference: gauss(0, 1, 1000), current: [] as number[] }];
    const ks = falseAlarmCheck(reference, { batchSize: 200, trials: 200, seed: 3 });
    expect(ks.features[0].method).toBe('ks');
    // bootstrap samples share values with the reference, so KS is conservative: the rate stays ≤ ~5 %
    expect(ks.features[0].fireRate).toBeLessThan(0.1);
    const noisy = falseAlarmCheck(reference, { batchSize: 50, trials: 40, seed: 3, settings: { numericMethod: 'wasserstein', wassersteinThreshold: 0.01 } });
    expect(noisy.features[0].fireRate).toBe(1);
    expect(noisy.datasetDriftRate).toBe(1);
    expect(() => falseAlarmCheck(reference, { batchSize: 0 })).toThrow(/batchSize/);
  });
});
