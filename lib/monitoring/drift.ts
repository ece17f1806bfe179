/**
 * Per-feature and dataset drift between a reference sample (the champion's training rows) and a current sample
 * (a snapshot or a scoring batch), with Evidently-like default rules (all configurable):
 *
 * - numeric: reference ≤ `smallReferenceRows` (1,000) rows → KS p < 0.05; else normed Wasserstein ≥ 0.1;
 * - categorical: reference ≤ 1,000 rows → chi-square p < 0.05; else Jensen–Shannon distance ≥ 0.1;
 * - PSI (10 quantile bins of the reference; categories for categoricals) is always reported with its own
 *   verdict: < 0.1 stable, 0.1–0.2 watch, ≥ 0.2 act;
 * - dataset drift when ≥ 50 % of the features drift.
 */
import {
  binCounts,
  categoryCounts,
  chiSquareFromCounts,
  jensenShannonDistance,
  ksTwoSample,
  normedWasserstein,
  psiFromCounts,
  quantileEdges,
  PSI_BINS,
  PSI_EPSILON,
} from './stats';

export type DriftMethod = 'ks' | 'wasserstein' | 'chisquare' | 'jensenshannon';
export type FeatureKind = 'numeric' | 'categorical';

export interface DriftSettings {
  /** references with at most this many rows use the statistical tests (KS / chi-square) */
  smallReferenceRows: number;
  /** p-value below which KS / chi-square call drift */
  pValue: number;
  /** normed Wasserstein at or above which a numeric feature drifts (large references) */
  wassersteinThreshold: number;
  /** Jensen–Shannon distance at or above which a categorical feature drifts (large references) */
  jensenShannonThreshold: number;
  psiWatch: number;
  psiAct: number;
  psiBins: number;
  psiEpsilon: number;
  /** share of drifting features at or above which the dataset drifts */
  datasetShare: number;
  /** force one method for every numeric / categorical feature instead of the size-based default */
  numericMethod?: 'ks' | 'wasserstein';
  categoricalMethod?: 'chisquare' | 'jensenshannon';
}

export const DEFAULT_DRIFT_SETTINGS: DriftSettings = {
  smallReferenceRows: 1000,
  pValue: 0.05,
  wassersteinThreshold: 0.1,
  jensenShannonThreshold: 0.1,
  psiWatch: 0.1,
  psiAct: 0.2,
  psiBins: PSI_BINS,
  psiEpsilon: PSI_EPSILON,
  datasetShare: 0.5,
};

/** Fills defaults and checks ranges (throws RangeError naming the bad setting). */
export function resolveDriftSettings(partial: Partial<DriftSettings> = {}): DriftSettings {
  const s = { ...DEFAULT_DRIFT_SETTINGS, ...partial };
  const inUnit = (k: keyof DriftSettings) => {
    const v = s[k] as number;
    if (!(typeof v === 'number' && v > 0 && v <= 1)) throw new RangeError(`drift setting ${k} must be in (0, 1], got ${String(v)}`);
  };
  inUnit('pValue');
  inUnit('datasetShare');
  inUnit('jensenShannonThreshold');
  if (!(s.wassersteinThreshold > 0)) throw new RangeError(`drift setting wassersteinThreshold must be > 0, got ${s.wassersteinThreshold}`);
  if (!(s.psiWatch > 0 && s.psiAct >= s.psiWatch)) throw new RangeError(`drift settings need 0 < psiWatch ≤ psiAct, got ${s.psiWatch}, ${s.psiAct}`);
  if (!(Number.isInteger(s.psiBins) && s.psiBins >= 2 && s.psiBins <= 100)) throw new RangeError(`drift setting psiBins must be an integer in [2, 100], got ${s.psiBins}`);
  if (!(Number.isInteger(s.smallReferenceRows) && s.smallReferenceRows >= 0)) throw new RangeError(`drift setting smallReferenceRows must be a non-negative integer, got ${s.smallReferenceRows}`);
  return s;
}

export type PsiVerdict = 'stable' | 'watch' | 'act';

/** A histogram for charts: labels and counts for reference and current (same bins). */
export interface Distribution {
  labels: string[];
  reference: number[];
  current: number[];
}

export interface FeatureDrift {
  name: string;
  kind: FeatureKind;
  referenceRows: number;
  currentRows: number;
  method: DriftMethod;
  /** the method's statistic: KS D, normed Wasserstein, chi-square, JS distance */
  statistic: number;
  /** KS / chi-square p-value (null for distance methods) */
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  psi: number;
  psiVerdict: PsiVerdict;
  /** every statistic computed, for the table */
  stats: { ks?: number; ksP?: number; wasserstein?: number; chi2?: number; chi2P?: number; js: number; psi: number };
  distribution: Distribution;
}

export interface DriftSummary {
  features: number;
  drifted: number;
  share: number;
  datasetDrift: boolean;
  /** the prediction distribution's drift, when both samples had predictions */
  prediction: FeatureDrift | null;
  worstPsi: number;
}

export interface DriftResult {
  summary: DriftSummary;
  features: FeatureDrift[];
  settings: DriftSettings;
}

export type FeatureSample = { name: string; kind: 'numeric'; reference: ArrayLike<number>; current: ArrayLike<number> } | { name: string; kind: 'categorical'; reference: readonly unknown[]; current: readonly unknown[] };

function fmtEdge(x: number): string {
  return Math.abs(x) >= 1000 || Number.isInteger(x) ? String(Math.round(x * 100) / 100) : x.toPrecision(3);
}

function numericFinite(xs: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) out.push(xs[i]);
  return out;
}

function psiVerdict(v: number, s: DriftSettings): PsiVerdict {
  return v >= s.psiAct ? 'act' : v >= s.psiWatch ? 'watch' : 'stable';
}

/** Drift of one feature (missing values dropped from both samples). */
export function featureDrift(f: FeatureSample, settings: DriftSettings = DEFAULT_DRIFT_SETTINGS): FeatureDrift {
  if (f.kind === 'numeric') {
    const ref = numericFinite(f.reference);
    const cur = numericFinite(f.current);
    if (ref.length === 0 || cur.length === 0) throw new RangeError(`feature "${f.name}": no finite values in the ${ref.length === 0 ? 'reference' : 'current'} sample`);
    const edges = quantileEdges(ref, settings.psiBins);
    const rc = binCounts(ref, edges);
    const cc = binCounts(cur, edges);
    const psi = psiFromCounts(rc, cc, settings.psiEpsilon);
    const js = jensenShannonDistance(rc, cc);
    const method = settings.numericMethod ?? (ref.length <= settings.smallReferenceRows ? 'ks' : 'wasserstein');
    const labels = rc.map((_, k) => (k === 0 ? `≤ ${fmtEdge(edges[0])}` : k === edges.length ? `> ${fmtEdge(edges[k - 1])}` : `${fmtEdge(edges[k - 1])}–${fmtEdge(edges[k])}`));
    const base = { name: f.name, kind: 'numeric' as const, referenceRows: ref.length, currentRows: cur.length, psi, psiVerdict: psiVerdict(psi, settings), distribution: { labels, reference: rc, current: cc } };
    if (method === 'ks') {
      const ks = ksTwoSample(ref, cur);
      return { ...base, method, statistic: ks.statistic, pValue: ks.pValue, threshold: settings.pValue, drifted: ks.pValue < settings.pValue, stats: { ks: ks.statistic, ksP: ks.pValue, js, psi } };
    }
    const w = normedWasserstein(ref, cur);
    return { ...base, method, statistic: w, pValue: null, threshold: settings.wassersteinThreshold, drifted: w >= settings.wassersteinThreshold, stats: { wasserstein: w, js, psi } };
  }
  const { categories, ref, cur } = categoryCounts(f.reference, f.current);
  const nr = ref.reduce((a, b) => a + b, 0);
  const nc = cur.reduce((a, b) => a + b, 0);
  if (nr === 0 || nc === 0) throw new RangeError(`feature "${f.name}": no values in the ${nr === 0 ? 'reference' : 'current'} sample`);
  const psi = psiFromCounts(ref, cur, settings.psiEpsilon);
  const js = jensenShannonDistance(ref, cur);
  const method = settings.categoricalMethod ?? (nr <= settings.smallReferenceRows ? 'chisquare' : 'jensenshannon');
  const base = { name: f.name, kind: 'categorical' as const, referenceRows: nr, currentRows: nc, psi, psiVerdict: psiVerdict(psi, settings), distribution: { labels: categories, reference: ref, current: cur } };
  if (method === 'chisquare') {
    const c = chiSquareFromCounts(ref, cur);
    return { ...base, method, statistic: c.statistic, pValue: c.pValue, threshold: settings.pValue, drifted: c.pValue < settings.pValue, stats: { chi2: c.statistic, chi2P: c.pValue, js, psi } };
  }
  return { ...base, method, statistic: js, pValue: null, threshold: settings.jensenShannonThreshold, drifted: js >= settings.jensenShannonThreshold, stats: { js, psi } };
}

/** Drift of every feature plus the dataset verdict; `prediction` (probabilities) is reported apart. */
export function computeDrift(features: readonly FeatureSample[], prediction: { reference: ArrayLike<number>; current: ArrayLike<number> } | null, partial: Partial<DriftSettings> = {}): DriftResult {
  const settings = resolveDriftSettings(partial);
  const out = features.map((f) => featureDrift(f, settings));
  const drifted = out.filter((f) => f.drifted).length;
  const share = out.length ? drifted / out.length : 0;
  const pred = prediction && prediction.reference.length > 0 && prediction.current.length > 0 ? featureDrift({ name: 'prediction', kind: 'numeric', ...prediction }, settings) : null;
  return {
    summary: { features: out.length, drifted, share, datasetDrift: out.length > 0 && share >= settings.datasetShare, prediction: pred, worstPsi: out.reduce((m, f) => Math.max(m, f.psi), 0) },
    features: out,
    settings,
  };
}
