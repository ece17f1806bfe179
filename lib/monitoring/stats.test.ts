import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from './false-alarm';
import {
  binCounts,
  chiSquare,
  chiSquareFromCounts,
  gammaincc,
  jensenShannonDistance,
  kolmogorovSf,
  ksTwoSample,
  normedWasserstein,
  psi,
  psiFromCounts,
  quantileEdges,
  stdDev,
  wassersteinDistance,
} from './stats';

function normal(rand: () => number, mean: number, sd: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    out.push(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

describe('hand-computed values', () => {
  it('PSI of two count vectors', () => {
    // (0.3−0.5)ln(0.3/0.5) + (0.7−0.5)ln(0.7/0.5)
    expect(psiFromCounts([50, 50], [30, 70])).toBeCloseTo(-0.2 * Math.log(0.6) + 0.2 * Math.log(1.4), 12);
    expect(psiFromCounts([10, 10], [10, 10])).toBe(0);
    // an empty current bin uses epsilon
    expect(psiFromCounts([50, 50], [0, 100], 1e-4)).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), 12);
  });

  it('quantile bins of the reference: deciles of 1..100 put 10 values in each bin', () => {
    const ref = Array.from({ length: 100 }, (_, i) => i + 1);
    const edges = quantileEdges(ref);
    expect(edges).toHaveLength(9);
    expect(edges[0]).toBeCloseTo(10.9, 12); // numpy.quantile(1..100, 0.1) = 10.9
    expect(binCounts(ref, edges)).toEqual(new Array(10).fill(10));
    expect(psi(ref, ref)).toBe(0);
    // duplicates merge: a constant reference has a single edge → 2 bins
    expect(quantileEdges([3, 3, 3, 3])).toEqual([3]);
  });

  it('KS statistic and exact p-value for tiny samples', () => {
    // x = {1,2,3}, y = {4,5,6}: D = 1; all 20 orderings equally likely, 2 of them have D = 1 → p = 0.1
    const r = ksTwoSample([1, 2, 3], [4, 5, 6]);
    expect(r.statistic).toBe(1);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.1, 12);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).pValue).toBe(1);
  });

  it('Kolmogorov survival function (kstwobign.sf) at known points', () => {
    expect(kolmogorovSf(1.3580986393225507)).toBeCloseTo(0.05, 8); // the 5 % critical value
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(1.1)).toBeCloseTo(kolmogorovSf(1.1000001), 5); // continuous across the two series
  });

  it('regularized upper incomplete gamma and chi-square', () => {
    expect(gammaincc(1, 2)).toBeCloseTo(Math.exp(-2), 14);
    expect(gammaincc(0.5, 1.92 / 2)).toBeCloseTo(0.1659, 3); // χ²(1) sf(1.92)
    // obs [30, 70] vs reference shares 0.5/0.5 over 100: (20²/50)·2 = 16, dof 1
    const c = chiSquareFromCounts([50, 50], [30, 70]);
    expect(c.statistic).toBeCloseTo(16, 12);
    expect(c.dof).toBe(1);
    expect(c.pValue).toBeCloseTo(6.334248366623996e-5, 10);
    // a category absent from the reference → infinite statistic, p = 0
    expect(chiSquare(['a', 'a', 'b'], ['a', 'c']).pValue).toBe(0);
  });

  it('Jensen–Shannon distance base 2', () => {
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(jensenShannonDistance([1, 1], [1, 1])).toBe(0);
    // p=[.5,.5], q=[1,0]: m=[.75,.25]; JS = ½(½ln(2/3)+½ln2) + ½ln(4/3) in nats
    const js = 0.5 * (0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25) + Math.log(1 / 0.75));
    expect(jensenShannonDistance([1, 1], [1, 0])).toBeCloseTo(Math.sqrt(js / Math.LN2), 12);
  });

  it('Wasserstein distance and its normed form', () => {
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wassersteinDistance([0, 1], [0, 1])).toBe(0);
    expect(stdDev([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(normedWasserstein([1, 2, 3, 4], [2, 3, 4, 5])).toBeCloseTo(1 / Math.sqrt(1.25), 12);
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => ksTwoSample([], [1])).toThrow(/empty sample/);
    expect(() => psiFromCounts([1], [1, 2])).toThrow(/1 reference bins vs 2/);
    expect(() => gammaincc(0, 1)).toThrow(/a must be > 0/);
  });
});

const hasScipy = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' }).status === 0;

function scipy(script: string, input: unknown): Record<string, number> {
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, number>;
}

describe.skipIf(!hasScipy)('side by side with SciPy', () => {
  const rand = mulberry32(42);
  const a = normal(rand, 0, 1, 600);
  const b = normal(rand, 0.15, 1.1, 700);
  const big1 = normal(rand, 0, 1, 5000);
  const big2 = normal(rand, 0.05, 1, 4000);
  const cats = ['a', 'b', 'c', 'd'];
  const catRef = Array.from({ length: 900 }, () => cats[Math.floor(rand() * 4)]);
  const catCur = Array.from({ length: 500 }, () => cats[Math.min(3, Math.floor(rand() * 4.4))]);
  const py = scipy(
    `
import json, sys
import numpy as np
from scipy import stats
from scipy.spatial import distance
d = json.load(sys.stdin)
a, b, c1, c2 = map(np.array, (d['a'], d['b'], d['big1'], d['big2']))
ks = stats.ks_2samp(a, b, method='exact')
ksb = stats.ks_2samp(c1, c2, method='asymp')
en = len(c1) * len(c2) / (len(c1) + len(c2))
keys = sorted(set(d['catRef']) | set(d['catCur']))
rc = np.array([d['catRef'].count(k) for k in keys], float)
cc = np.array([d['catCur'].count(k) for k in keys], float)
chi = stats.chisquare(cc, rc / rc.sum() * cc.sum())
edges = np.unique(np.quantile(a, np.arange(1, 10) / 10))
ra = np.bincount(np.searchsorted(edges, a, side='left'), minlength=len(edges)+1) / len(a)
rb = np.bincount(np.searchsorted(edges, b, side='left'), minlength=len(edges)+1) / len(b)
ra, rb = np.maximum(ra, 1e-4), np.maximum(rb, 1e-4)
print(json.dumps(dict(
  ksD=float(ks.statistic), ksP=float(ks.pvalue), ksBigD=float(ksb.statistic), ksBigP=float(ksb.pvalue),
  kstwobign=float(stats.kstwobign.sf(np.sqrt(en) * ksb.statistic)),
  chi=float(chi.statistic), chiP=float(chi.pvalue), gi=float(__import__('scipy.special').special.gammaincc(3.5, 4.2)),
  js=float(distance.jensenshannon(rc, cc, base=2)),
  w=float(stats.wasserstein_distance(a, b)), nw=float(stats.wasserstein_distance(a, b) / np.std(a)),
  psi=float(np.sum((rb - ra) * np.log(rb / ra))),
)))
`,
    { a, b, big1, big2, catRef, catCur },
  );

  it('KS statistic and exact p-value equal ks_2samp(method="exact")', () => {
    const r = ksTwoSample(a, b);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBeCloseTo(py.ksD, 12);
    expect(r.pValue).toBeCloseTo(py.ksP, 9);
  });

  it('KS asymptotic p-value equals kstwobign.sf and is close to ks_2samp(method="asymp")', () => {
    const r = ksTwoSample(big1, big2, 'asymp');
    expect(r.statistic).toBeCloseTo(py.ksBigD, 12);
    expect(r.pValue).toBeCloseTo(py.kstwobign, 10);
    // SciPy ≥ 1.5 uses the finite-n kstwo(round(en)) distribution: a few per cent apart at this size
    expect(Math.abs(r.pValue - py.ksBigP)).toBeLessThan(0.02);
  });

  it('chi-square, gammaincc, Jensen–Shannon, Wasserstein and PSI', () => {
    const c = chiSquare(catRef, catCur);
    expect(c.statistic).toBeCloseTo(py.chi, 9);
    expect(c.pValue).toBeCloseTo(py.chiP, 12);
    expect(gammaincc(3.5, 4.2)).toBeCloseTo(py.gi, 13);
    const counts = (xs: string[]) => ['a', 'b', 'c', 'd'].map((k) => xs.filter((x) => x === k).length);
    expect(jensenShannonDistance(counts(catRef), counts(catCur))).toBeCloseTo(py.js, 12);
    expect(wassersteinDistance(a, b)).toBeCloseTo(py.w, 10);
    expect(normedWasserstein(a, b)).toBeCloseTo(py.nw, 10);
    expect(psi(a, b)).toBeCloseTo(py.psi, 12);
  });
});
