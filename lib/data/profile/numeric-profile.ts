import type { Histogram, NumericColumnProfile, Quantiles, TargetRelation } from './profile-types';

const QUANTILE_KEYS: [keyof Quantiles, number][] = [
  ['p01', 0.01], ['p05', 0.05], ['p25', 0.25], ['p50', 0.5], ['p75', 0.75], ['p95', 0.95], ['p99', 0.99],
];

function quantile(sorted: Float64Array, m: number, p: number): number {
  const h = (m - 1) * p;
  const lo = Math.floor(h);
  const hi = lo + 1 < m ? lo + 1 : lo;
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Mann–Whitney AUC of positives vs negatives, both sorted ascending: P(pos > neg) + ½ P(pos = neg).
 * Two pointers, O(P + N). Null without both classes.
 */
export function sortedAuc(pos: Float64Array, p: number, neg: Float64Array, n: number): number | null {
  if (p === 0 || n === 0) return null;
  let less = 0;
  let lessEq = 0;
  let sum = 0;
  for (let i = 0; i < p; i++) {
    const x = pos[i];
    while (less < n && neg[less] < x) less++;
    if (lessEq < less) lessEq = less;
    while (lessEq < n && neg[lessEq] <= x) lessEq++;
    sum += less + 0.5 * (lessEq - less);
  }
  return sum / (p * n);
}

/** Merges two ascending arrays into `out`. */
function mergeSorted(a: Float64Array, na: number, b: Float64Array, nb: number, out: Float64Array): void {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < na && j < nb) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < na) out[k++] = a[i++];
  while (j < nb) out[k++] = b[j++];
}

function histogramInto(values: Float64Array, m: number, min: number, width: number, bins: number, counts: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let b = width > 0 ? Math.floor((values[i] - min) / width) : 0;
    if (b >= bins) b = bins - 1;
    counts[b]++;
  }
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Profiles a numeric column. `y` is the target per row (1 positive, 0 negative, −1 unknown) or null. Values
 * are split by class and sorted natively, so quantiles, distinct count and AUC come from sorted typed arrays.
 */
export function profileNumeric(name: string, values: ArrayLike<unknown>, y: Int8Array | null, bins: number): NumericColumnProfile {
  const n = values.length;
  const pos = new Float64Array(n);
  const neg = new Float64Array(n);
  const unk = new Float64Array(n);
  let np = 0;
  let nn = 0;
  let nu = 0;
  let missing = 0;
  let missPos = 0;
  let missKnown = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const raw = values[i];
    const x = typeof raw === 'number' ? raw : raw === null || raw === undefined ? NaN : Number(raw);
    const cls = y === null ? -1 : y[i];
    if (!Number.isFinite(x)) {
      missing++;
      if (cls >= 0) {
        missKnown++;
        missPos += cls;
      }
      continue;
    }
    sum += x;
    if (cls === 1) pos[np++] = x;
    else if (cls === 0) neg[nn++] = x;
    else unk[nu++] = x;
  }
  const m = np + nn + nu;
  const sp = pos.subarray(0, np).sort();
  const sn = neg.subarray(0, nn).sort();
  const su = unk.subarray(0, nu).sort();
  const known = new Float64Array(np + nn);
  mergeSorted(sp, np, sn, nn, known);
  const all = new Float64Array(m);
  mergeSorted(known, np + nn, su, nu, all);

  let distinct = 0;
  for (let i = 0; i < m; i++) if (i === 0 || all[i] !== all[i - 1]) distinct++;
  const mean = m > 0 ? sum / m : NaN;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (all[i] - mean) * (all[i] - mean);
  const min = m > 0 ? all[0] : NaN;
  const max = m > 0 ? all[m - 1] : NaN;

  const nb = m === 0 ? 0 : min === max ? 1 : bins;
  const width = nb > 0 ? (max - min) / nb : 0;
  const edges: number[] = [];
  for (let b = 0; b <= nb; b++) edges.push(b === nb ? max : min + b * width);
  const counts = new Float64Array(nb);
  histogramInto(all, m, min, width, nb, counts);
  const histogram: Histogram = { edges, counts: Array.from(counts) };
  let target: TargetRelation | undefined;
  if (y !== null) {
    const pc = new Float64Array(nb);
    const nc = new Float64Array(nb);
    histogramInto(sp, np, min, width, nb, pc);
    histogramInto(sn, nn, min, width, nb, nc);
    histogram.churnRate = Array.from(pc, (p, b) => (p + nc[b] > 0 ? p / (p + nc[b]) : null));
    const auc = sortedAuc(sp, np, sn, nn);
    target = {
      auc: auc === null ? null : Math.max(auc, 1 - auc),
      direction: auc === null || auc >= 0.5 ? 'higher' : 'lower',
      missingChurnRate: missKnown > 0 ? missPos / missKnown : null,
    };
  }
  let quantiles: Quantiles | null = null;
  if (m > 0) {
    quantiles = {} as Quantiles;
    for (const [k, p] of QUANTILE_KEYS) quantiles[k] = quantile(all, m, p);
  }
  return {
    name,
    kind: 'numeric',
    count: n,
    missing,
    distinct,
    min: finite(min),
    max: finite(max),
    mean: finite(mean),
    std: m > 1 ? Math.sqrt(ss / (m - 1)) : null,
    quantiles,
    histogram,
    ...(target ? { target } : {}),
  };
}
