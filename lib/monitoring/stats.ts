/**
 * Two-sample drift statistics over plain number / string arrays (pure, browser-safe). Each function states the
 * convention it follows so its values can be checked against SciPy or Evidently:
 *
 * - `psi`: Population Stability Index, 10 quantile bins of the REFERENCE (interior edges at the 10 %…90 %
 *   quantiles, linear interpolation as numpy's default, duplicates merged, outer bins open), empty bins get
 *   `epsilon` (1e-4) share before the log; categorical PSI uses one bin per category.
 * - `ksTwoSample`: the two-sided Kolmogorov–Smirnov statistic D as `scipy.stats.ks_2samp`; p-value exact (the
 *   lattice-path count of SciPy's method='exact') when n1·n2 ≤ KS_EXACT_MAX_CELLS (SciPy: max(n1, n2) ≤ 10,000), otherwise the asymptotic
 *   Kolmogorov distribution `kstwobign.sf(sqrt(n·m/(n+m))·D)`.
 * - `chiSquare`: Evidently's chi-square drift test: expected = reference shares × current size over the union of
 *   categories, statistic Σ (obs−exp)²/exp, p = Q((k−1)/2, χ²/2) (regularized upper incomplete gamma).
 * - `jensenShannonDistance`: as `scipy.spatial.distance.jensenshannon(p, q, base=2)` (in [0, 1]).
 * - `wassersteinDistance` as `scipy.stats.wasserstein_distance`; `normedWasserstein` divides it by the
 *   reference's population standard deviation (Evidently; floored at 0.001).
 */
import { gammaincc } from './gamma';

export { gammaincc, logGamma } from './gamma';

export const PSI_EPSILON = 1e-4;
export const PSI_BINS = 10;

function finite(xs: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) out[k++] = xs[i];
  return out;
}

function sorted(xs: ArrayLike<number>): Float64Array {
  return finite(xs).sort();
}

/** numpy.quantile(sorted, q) with the default 'linear' method; `s` must be sorted and non-empty. */
export function quantileSorted(s: Float64Array, q: number): number {
  if (s.length === 0) throw new RangeError('quantile of an empty sample');
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Interior bin edges at the reference's 1/bins … (bins−1)/bins quantiles, duplicates merged (ascending). */
export function quantileEdges(reference: ArrayLike<number>, bins = PSI_BINS): number[] {
  const s = sorted(reference);
  if (s.length === 0) throw new RangeError('quantileEdges: the reference has no finite values');
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const e = quantileSorted(s, b / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Counts per bin for interior `edges`: bin k holds edges[k-1] < x ≤ edges[k] (first and last open). */
export function binCounts(xs: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

/** PSI of two count vectors over the same bins (empty shares → epsilon). */
export function psiFromCounts(ref: readonly number[], cur: readonly number[], epsilon = PSI_EPSILON): number {
  if (ref.length !== cur.length) throw new RangeError(`psiFromCounts: ${ref.length} reference bins vs ${cur.length} current bins`);
  const nr = ref.reduce((a, b) => a + b, 0);
  const nc = cur.reduce((a, b) => a + b, 0);
  if (nr === 0 || nc === 0) throw new RangeError('psiFromCounts: an empty sample');
  let psi = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = Math.max(ref[k] / nr, epsilon);
    const c = Math.max(cur[k] / nc, epsilon);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/** Numeric PSI with `bins` quantile bins of the reference. */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = PSI_BINS, epsilon = PSI_EPSILON): number {
  const edges = quantileEdges(reference, bins);
  return psiFromCounts(binCounts(reference, edges), binCounts(current, edges), epsilon);
}

/** Counts of each category of the union (sorted) in both samples; null/undefined are skipped. */
export function categoryCounts(reference: readonly unknown[], current: readonly unknown[]): { categories: string[]; ref: number[]; cur: number[] } {
  const r = new Map<string, number>();
  const c = new Map<string, number>();
  for (const v of reference) if (v !== null && v !== undefined) r.set(String(v), (r.get(String(v)) ?? 0) + 1);
  for (const v of current) if (v !== null && v !== undefined) c.set(String(v), (c.get(String(v)) ?? 0) + 1);
  const categories = [...new Set([...r.keys(), ...c.keys()])].sort();
  return { categories, ref: categories.map((k) => r.get(k) ?? 0), cur: categories.map((k) => c.get(k) ?? 0) };
}

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/** Survival function of the limiting Kolmogorov distribution, P(K > x) (SciPy `kstwobign.sf`). */
export function kolmogorovSf(x: number): number {
  if (!(x > 0)) return 1;
  if (x < 1.18) {
    // small x: the theta-function form converges fast (P(K ≤ x) = √(2π)/x Σ exp(−(2k−1)²π²/(8x²)))
    const w = Math.sqrt(2 * Math.PI) / x;
    const a = (Math.PI * Math.PI) / (8 * x * x);
    let s = 0;
    for (let k = 1; k <= 50; k++) {
      const t = Math.exp(-(2 * k - 1) * (2 * k - 1) * a);
      s += t;
      if (t < 1e-17) break;
    }
    return 1 - w * s;
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const t = Math.exp(-2 * k * k * x * x);
    s += (k % 2 === 1 ? 1 : -1) * t;
    if (t < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/** Largest n1·n2 for which the exact lattice-path p-value is computed. */
export const KS_EXACT_MAX_CELLS = 10_000_000;

/**
 * P(D ≥ d) under H0 for the two-sided two-sample KS test, by counting lattice paths from (0,0) to (n1,n2) that stay
 * strictly inside |i/n1 − j/n2| < d (SciPy `_count_paths_outside_method` logic, done as probabilities to avoid
 * overflow). O(n1·n2).
 */
export function ksExactPValue(n1: number, n2: number, d: number): number {
  if (d <= 0) return 1;
  // work in integer units: |i·n2 − j·n1| < d·n1·n2 (tolerance as SciPy rounds d to the lattice)
  const lim = Math.round(d * n1 * n2) - 0.5;
  // probability of a path = counts / C(n1+n2, n1); propagate normalised weights row by row
  let prev = new Float64Array(n2 + 1);
  let cur = new Float64Array(n2 + 1);
  // u[i][j] = number of inside paths to (i,j) * i! j! / (i+j)! style normalisation is awkward; use
  // probabilities of a random walk taking a step in x with prob (n1-i)/(n1+n2-i-j).
  prev[0] = 1;
  for (let j = 1; j <= n2; j++) prev[j] = Math.abs(0 * n2 - j * n1) < lim ? prev[j - 1] * ((n2 - (j - 1)) / (n1 + n2 - (j - 1))) : 0;
  for (let i = 1; i <= n1; i++) {
    cur[0] = Math.abs(i * n2) < lim ? prev[0] * ((n1 - (i - 1)) / (n1 + n2 - (i - 1))) : 0;
    for (let j = 1; j <= n2; j++) {
      if (Math.abs(i * n2 - j * n1) >= lim) {
        cur[j] = 0;
        continue;
      }
      const rem1 = n1 + n2 - (i - 1) - j; // remaining steps at (i-1, j)
      const rem2 = n1 + n2 - i - (j - 1); // remaining steps at (i, j-1)
      cur[j] = prev[j] * ((n1 - (i - 1)) / rem1) + cur[j - 1] * ((n2 - (j - 1)) / rem2);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(1, Math.max(0, 1 - prev[n2]));
}

/** Two-sided two-sample Kolmogorov–Smirnov test (NaN dropped). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>, mode: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  const x = sorted(a);
  const y = sorted(b);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError(`ksTwoSample: empty sample (${n1}, ${n2})`);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(x[i], y[j]);
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = Math.abs(i / n1 - j / n2);
    if (diff > d) d = diff;
  }
  const exact = mode === 'exact' || (mode === 'auto' && n1 * n2 <= KS_EXACT_MAX_CELLS);
  if (exact) return { statistic: d, pValue: ksExactPValue(n1, n2, d), method: 'exact' };
  const en = (n1 * n2) / (n1 + n2);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d), method: 'asymp' };
}

// ---- incomplete gamma (Numerical Recipes gser/gcf) -----------------------------------------------------------

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/** Chi-square goodness of fit of current counts against reference shares (Evidently's categorical test). */
export function chiSquareFromCounts(ref: readonly number[], cur: readonly number[]): ChiSquareResult {
  const nr = ref.reduce((a, b) => a + b, 0);
  const nc = cur.reduce((a, b) => a + b, 0);
  if (nr === 0 || nc === 0) throw new RangeError('chiSquare: an empty sample');
  let stat = 0;
  for (let k = 0; k < ref.length; k++) {
    const e = (ref[k] * nc) / nr;
    if (e === 0) {
      if (cur[k] > 0) stat = Infinity;
      continue;
    }
    stat += ((cur[k] - e) * (cur[k] - e)) / e;
  }
  const dof = ref.length - 1;
  const pValue = dof <= 0 ? 1 : gammaincc(dof / 2, stat / 2);
  return { statistic: stat, pValue, dof };
}

export function chiSquare(reference: readonly unknown[], current: readonly unknown[]): ChiSquareResult {
  const { ref, cur } = categoryCounts(reference, current);
  return chiSquareFromCounts(ref, cur);
}

/** Jensen–Shannon distance (base 2) of two count/probability vectors (normalised here). */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannonDistance: lengths ${p.length} vs ${q.length}`);
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  if (!(sp > 0) || !(sq > 0)) throw new RangeError('jensenShannonDistance: an all-zero distribution');
  let js = 0;
  for (let k = 0; k < p.length; k++) {
    const a = p[k] / sp;
    const b = q[k] / sq;
    const m = (a + b) / 2;
    if (a > 0) js += a * Math.log(a / m);
    if (b > 0) js += b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(0, js / 2 / Math.LN2));
}

/** 1-D Wasserstein-1 distance between two empirical distributions (SciPy `wasserstein_distance`). */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = sorted(a);
  const y = sorted(b);
  if (x.length === 0 || y.length === 0) throw new RangeError('wassersteinDistance: empty sample');
  // ∫ |F(t) − G(t)| dt over the merged support
  let i = 0;
  let j = 0;
  let prev = Math.min(x[0], y[0]);
  let w = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    w += Math.abs(i / x.length - j / y.length) * (v - prev);
    prev = v;
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
  }
  return w;
}

/** Population standard deviation (ddof = 0) of the finite values. */
export function stdDev(xs: ArrayLike<number>): number {
  const f = finite(xs);
  if (f.length === 0) return 0;
  let m = 0;
  for (const v of f) m += v;
  m /= f.length;
  let s = 0;
  for (const v of f) s += (v - m) * (v - m);
  return Math.sqrt(s / f.length);
}

/** Wasserstein distance divided by the reference std (floored at 0.001), as Evidently's `wasserstein` test. */
export function normedWasserstein(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  return wassersteinDistance(reference, current) / Math.max(stdDev(reference), 0.001);
}
