import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting } from '@/lib/ml/gbdt';
import { makeSynthetic } from '@/lib/ml/gbdt/test-utils';
import { meanAbsShap, permutationImportance, splitGainImportance } from './importance';

function accuracy(y: ArrayLike<number>, p: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < p.length; i++) if ((p[i] >= 0.5 ? 1 : 0) === y[i]) ok++;
  return ok / p.length;
}

describe('global importance', () => {
  // y depends on f0 (strongly), f1, f2; f3.. are noise
  const d = makeSynthetic(3000, 6, 12, 0);
  const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 30, random_state: 0 }, { featureNames: d.featureNames });

  it('mean |SHAP| and split gain rank the driving feature first', () => {
    const shap = meanAbsShap(m, d.X, 500);
    const gain = splitGainImportance(m);
    for (let f = 1; f < 6; f++) {
      expect(shap[0]).toBeGreaterThan(shap[f]);
      expect(gain[0]).toBeGreaterThan(gain[f]);
    }
    for (const v of gain) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('permutation importance is seeded, leaves X intact and ranks f0 first', () => {
    const copy = d.X.slice();
    const a = permutationImportance(m, d.X, d.nRows, d.y, accuracy, { nRepeats: 3, seed: 1 });
    const b = permutationImportance(m, d.X, d.nRows, d.y, accuracy, { nRepeats: 3, seed: 1 });
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(d.X)).toEqual(Array.from(copy));
    for (let f = 1; f < 6; f++) expect(a.mean[0]).toBeGreaterThan(a.mean[f]);
    expect(a.mean[0]).toBeGreaterThan(0.05);
  });
});
