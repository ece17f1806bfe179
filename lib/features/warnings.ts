import type { TableLike } from '../data/table';
import { binaryTarget, categoricalColumn, tableColumn } from './columns';
import { apply } from './apply';
import { parseExpression, referencedColumns } from './expression/parser';
import type { FittedTransform } from './fitted';

export type FeatureWarningCode = 'leakage' | 'target_in_expression' | 'constant' | 'high_cardinality';

export interface FeatureWarning {
  code: FeatureWarningCode;
  /** The output feature or raw column concerned. */
  name: string;
  message: string;
  /** AUC for leakage, level count for high_cardinality. */
  value?: number;
}

/** Thresholds of `featureWarnings`. */
export const WARNING_LIMITS = { aucHigh: 0.95, aucLow: 0.05, maxLevels: 50 } as const;

/**
 * ROC AUC of a score against a 0/1 label (Mann–Whitney U with average ranks for ties); rows with a NaN
 * score or label are skipped. NaN when either class is empty.
 */
export function rocAuc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const idx: number[] = [];
  for (let i = 0; i < score.length; i++) if (score[i] === score[i] && label[i] === label[i]) idx.push(i);
  idx.sort((a, b) => score[a] - score[b]);
  let pos = 0;
  let rankSum = 0;
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && score[idx[e + 1]] === score[idx[s]]) e++;
    const rank = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) {
      if (label[idx[k]] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    s = e + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Warnings about a fitted transform on its training table:
 * - `leakage`: an output feature whose univariate ROC AUC vs the target is > 0.95 or < 0.05;
 * - `target_in_expression`: a derive expression (or a feature's source) names the target column;
 * - `constant`: an output feature with a single value on the training rows;
 * - `high_cardinality`: a categorical input that feeds an output feature and has more than 50 levels (a
 *   dropped id or date column is not reported).
 */
export function featureWarnings(fitted: FittedTransform, trainTable: TableLike, target: string): FeatureWarning[] {
  const out: FeatureWarning[] = [];
  for (const s of fitted.steps) {
    if (s.type === 'derive' && referencedColumns(parseExpression(s.expression)).includes(target)) {
      out.push({ code: 'target_in_expression', name: s.name, message: `derived feature "${s.name}" references the target "${target}"` });
    }
  }
  fitted.outputFeatures.forEach((f, j) => {
    if (fitted.featureSources[j].includes(target)) {
      out.push({ code: 'target_in_expression', name: f, message: `feature "${f}" is computed from the target "${target}"` });
    }
  });
  const { X, featureNames, nRows } = apply(fitted, trainTable);
  const y = binaryTarget(tableColumn(trainTable, target), target);
  const nf = featureNames.length;
  const col = new Float64Array(nRows);
  for (let j = 0; j < nf; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < nRows; i++) {
      const v = X[i * nf + j];
      col[i] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) {
      out.push({ code: 'constant', name: featureNames[j], message: `feature "${featureNames[j]}" is constant on the training rows` });
      continue;
    }
    const auc = rocAuc(col, y);
    if (auc > WARNING_LIMITS.aucHigh || auc < WARNING_LIMITS.aucLow) {
      out.push({
        code: 'leakage',
        name: featureNames[j],
        value: auc,
        message: `feature "${featureNames[j]}" alone has ROC AUC ${auc.toFixed(3)} against "${target}"; check it is known before the outcome`,
      });
    }
  }
  for (const c of fitted.inputColumns) {
    if (c.kind !== 'categorical' || !c.required || !trainTable.columnNames().includes(c.name)) continue;
    const levels = new Set(categoricalColumn(trainTable.array(c.name)));
    levels.delete(null);
    if (levels.size > WARNING_LIMITS.maxLevels) {
      out.push({ code: 'high_cardinality', name: c.name, value: levels.size, message: `categorical column "${c.name}" has ${levels.size} levels (> ${WARNING_LIMITS.maxLevels})` });
    }
  }
  return out;
}
