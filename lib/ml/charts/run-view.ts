/**
 * Defensive readers over a run's stored JSON (metrics, curves, importance, params) and the pure helpers of the
 * runs table, run page and compare page: sorting, filtering, param differences, confusion counts at a threshold.
 * Runs are typed loosely (`Record<string, unknown>`) on the wire, so everything here tolerates missing fields.
 */

export interface LossPoint {
  iteration: number;
  train: number;
  validation: number | null;
}
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: (number | null)[];
}
export interface PrCurve {
  precision: number[];
  recall: number[];
  thresholds: number[];
}
export interface CalibrationPoint {
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}
export interface LiftPoint {
  bin: number;
  count: number;
  positives: number;
  rate: number;
  lift: number;
  cumulativeGain: number;
  cumulativeLift: number;
  minScore: number;
  maxScore: number;
}
export interface ImportanceRow {
  feature: string;
  value: number;
}
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finite number, else null. */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function numArray(v: unknown): number[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : NaN));
}

/** Loss points from a job's `detail` ({ loss: [...] }) or a run's `curves` (same shape). */
export function readLoss(source: unknown): LossPoint[] {
  const list = isObj(source) ? source.loss : source;
  if (!Array.isArray(list)) return [];
  const out: LossPoint[] = [];
  for (const p of list) {
    if (!isObj(p)) continue;
    const iteration = num(p.iteration);
    const train = num(p.train);
    if (iteration === null || train === null) continue;
    out.push({ iteration, train, validation: num(p.validation) });
  }
  return out;
}

export function readRoc(curves: unknown): RocCurve | null {
  const r = isObj(curves) ? curves.roc : null;
  if (!isObj(r)) return null;
  const fpr = numArray(r.fpr);
  const tpr = numArray(r.tpr);
  if (!fpr || !tpr || fpr.length !== tpr.length || fpr.length === 0) return null;
  const thresholds = Array.isArray(r.thresholds) ? r.thresholds.map((t) => (typeof t === 'number' && Number.isFinite(t) ? t : null)) : fpr.map(() => null);
  return { fpr, tpr, thresholds };
}

export function readPr(curves: unknown): PrCurve | null {
  const r = isObj(curves) ? curves.pr : null;
  if (!isObj(r)) return null;
  const precision = numArray(r.precision);
  const recall = numArray(r.recall);
  if (!precision || !recall || precision.length !== recall.length || precision.length === 0) return null;
  return { precision, recall, thresholds: numArray(r.thresholds) ?? [] };
}

export function readCalibration(curves: unknown): CalibrationPoint[] {
  const list = isObj(curves) ? curves.calibration : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((b) => {
    if (!isObj(b)) return [];
    const meanPredicted = num(b.meanPredicted);
    const fractionPositive = num(b.fractionPositive);
    if (meanPredicted === null || fractionPositive === null) return [];
    return [{ meanPredicted, fractionPositive, count: num(b.count) ?? 0 }];
  });
}

export function readLift(curves: unknown): LiftPoint[] {
  const list = isObj(curves) ? curves.lift : null;
  if (!Array.isArray(list)) return [];
  return list.flatMap((r) => {
    if (!isObj(r)) return [];
    const n = (k: string) => num(r[k]) ?? NaN;
    return [{ bin: n('bin'), count: n('count'), positives: n('positives'), rate: n('rate'), lift: n('lift'), cumulativeGain: n('cumulativeGain'), cumulativeLift: n('cumulativeLift'), minScore: n('minScore'), maxScore: n('maxScore') }];
  });
}

/** Mean |SHAP| when the run has it, else split gain; null when the family has neither (logreg, mlp). */
export function readImportance(importance: unknown): { kind: 'meanAbsShap' | 'splitGain'; label: string; rows: ImportanceRow[] } | null {
  if (!isObj(importance)) return null;
  for (const [kind, label] of [['meanAbsShap', 'mean |SHAP|'], ['splitGain', 'split gain']] as const) {
    const list = importance[kind];
    if (!Array.isArray(list)) continue;
    const rows = list.flatMap((r) => (isObj(r) && typeof r.feature === 'string' && num(r.value) !== null ? [{ feature: r.feature, value: num(r.value)! }] : []));
    if (rows.length) return { kind, label, rows: rows.sort((a, b) => b.value - a.value) };
  }
  return null;
}

export function readConfusion(metrics: unknown): Confusion | null {
  const c = isObj(metrics) ? metrics.confusion : null;
  if (!isObj(c)) return null;
  const tp = num(c.tp), fp = num(c.fp), fn = num(c.fn), tn = num(c.tn);
  if (tp === null || fp === null || fn === null || tn === null) return null;
  return { tp, fp, fn, tn };
}

/**
 * Confusion counts when predicting positive for score ≥ `threshold`, from the ROC points (thresholds descending)
 * and the test set's class totals (P = tp + fn, N = fp + tn of the stored confusion): TP = tpr·P, FP = fpr·N.
 * The ROC curve is down-sampled, so the counts are those of the nearest stored point at or above the threshold;
 * `threshold` in the result is that point's threshold (null: nothing predicted positive).
 */
export function confusionAtThreshold(roc: RocCurve, totals: Confusion, threshold: number): Confusion & { threshold: number | null } {
  const P = totals.tp + totals.fn;
  const N = totals.fp + totals.tn;
  let best = -1;
  for (let i = 0; i < roc.thresholds.length; i++) {
    const t = roc.thresholds[i];
    if (t === null) continue; // sklearn's leading +inf point: nothing predicted positive
    if (t >= threshold && (best < 0 || t <= (roc.thresholds[best] as number))) best = i;
  }
  if (best < 0) return { tp: 0, fp: 0, fn: P, tn: N, threshold: null };
  const tp = Math.round(roc.tpr[best] * P);
  const fp = Math.round(roc.fpr[best] * N);
  return { tp, fp, fn: P - tp, tn: N - fp, threshold: roc.thresholds[best] };
}

/** Precision, recall, F1, accuracy of a confusion matrix (NaN where undefined). */
export function scoresOf(c: Confusion): { precision: number; recall: number; f1: number; accuracy: number } {
  const precision = c.tp / (c.tp + c.fp);
  const recall = c.tp / (c.tp + c.fn);
  const f1 = (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  const accuracy = (c.tp + c.tn) / (c.tp + c.fp + c.fn + c.tn);
  return { precision, recall, f1, accuracy };
}

// ---- Runs table ------------------------------------------------------------------------------------------------

export interface RunLike {
  id: string;
  name: string;
  family: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  durationMs: number;
  createdAt: string;
}

export type RunSortKey = 'rocAuc' | 'prAuc' | 'f1' | 'logLoss' | 'brier' | 'durationMs' | 'createdAt' | 'name';

/** The sort key's value of one run (metrics read from `metrics`); null sorts last either way. */
export function runSortValue(run: RunLike, key: RunSortKey): number | string | null {
  if (key === 'durationMs') return run.durationMs;
  if (key === 'createdAt') return run.createdAt;
  if (key === 'name') return run.name.toLowerCase();
  return num(run.metrics[key]);
}

export function sortRuns<T extends RunLike>(runs: readonly T[], key: RunSortKey, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return runs
    .map((r, i) => ({ r, i, v: runSortValue(r, key) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c === 0 ? a.i - b.i : sign * c;
    })
    .map((x) => x.r);
}

/** `key=value` text of a params object, as searched by the text filter and shown in the table. */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${formatParam(v)}`)
    .join(' ');
}

/** Runs of `family` (or any, when '') whose name or params text contains every word of `text` (case-insensitive). */
export function filterRuns<T extends RunLike>(runs: readonly T[], family: string, text: string): T[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return runs.filter((r) => {
    if (family && r.family !== family) return false;
    if (!words.length) return true;
    const hay = `${r.name} ${paramsText(r.params)}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function formatParam(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export interface ParamRow {
  key: string;
  values: string[];
  differs: boolean;
}

/** One row per param key across runs (union of keys, sorted), marking those whose values differ. */
export function paramRows(runs: readonly { params: Record<string, unknown> }[]): ParamRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  return keys.map((key) => {
    const values = runs.map((r) => (key in r.params ? formatParam(r.params[key]) : '—'));
    return { key, values, differs: new Set(values).size > 1 };
  });
}

/** Fixed-precision metric text: '—' for missing. */
/** The evaluation metrics a run records, in display order; `lowerIsBetter` marks losses. */
export const RUN_METRICS: readonly { key: string; label: string; lowerIsBetter?: boolean }[] = [
  { key: 'rocAuc', label: 'ROC AUC' },
  { key: 'prAuc', label: 'PR AUC' },
  { key: 'f1', label: 'F1 @ 0.5' },
  { key: 'precision', label: 'Precision @ 0.5' },
  { key: 'recall', label: 'Recall @ 0.5' },
  { key: 'accuracy', label: 'Accuracy @ 0.5' },
  { key: 'logLoss', label: 'Log loss', lowerIsBetter: true },
  { key: 'brier', label: 'Brier', lowerIsBetter: true },
  { key: 'bestF1', label: 'Best F1' },
  { key: 'bestF1Threshold', label: 'Best-F1 threshold' },
];

export function formatMetric(v: unknown, digits = 4): string {
  const n = num(v);
  return n === null ? '—' : n.toFixed(digits);
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
