/**
 * Telco churn loader reproducing /work/shared/anchors/churn_data.py (bench only, Node side).
 * drop customerID; Churn=Yes → 1; numeric SeniorCitizen, tenure, MonthlyCharges, TotalCharges (blank → NaN);
 * 15 categorical columns one-hot against the sorted training-split levels; stratified 80/20 split
 * with sklearn's algorithm and a numpy-compatible MT19937 (seed 42).
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { stratifiedTrainTestSplit } from '@/lib/ml/gbdt';

export const NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];
export const CATEGORICAL = [
  'gender', 'Partner', 'Dependents', 'PhoneService', 'MultipleLines', 'InternetService', 'OnlineSecurity',
  'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies', 'Contract',
  'PaperlessBilling', 'PaymentMethod',
];

export interface TelcoSplit {
  featureNames: string[];
  Xtr: Float64Array;
  ytr: Uint8Array;
  Xte: Float64Array;
  yte: Uint8Array;
  nTrain: number;
  nTest: number;
  nRows: number;
}

function toNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.trim();
  if (t === '') return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Python's default str sort (code point order). */
function pySort(a: string[]): string[] {
  return a.slice().sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

export function loadTelco(path: string, seed = 42): TelcoSplit {
  const text = readFileSync(path, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const rows = parsed.data;
  const n = rows.length;
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = rows[i].Churn === 'Yes' ? 1 : 0;
  const { train, test } = stratifiedTrainTestSplit(y, 0.2, seed);
  const levels = CATEGORICAL.map((c) => pySort(Array.from(new Set(Array.from(train, (i) => String(rows[i][c]))))));
  const featureNames = [...NUMERIC];
  CATEGORICAL.forEach((c, k) => levels[k].forEach((v) => featureNames.push(`${c}=${v}`)));
  const nf = featureNames.length;
  const encode = (idx: Uint32Array) => {
    const X = new Float64Array(idx.length * nf);
    const yy = new Uint8Array(idx.length);
    for (let r = 0; r < idx.length; r++) {
      const row = rows[idx[r]];
      const base = r * nf;
      let j = 0;
      for (const c of NUMERIC) X[base + j++] = toNumber(row[c]);
      CATEGORICAL.forEach((c, k) => {
        const pos = levels[k].indexOf(String(row[c]));
        if (pos >= 0) X[base + j + pos] = 1;
        j += levels[k].length;
      });
      yy[r] = y[idx[r]];
    }
    return { X, yy };
  };
  const tr = encode(train);
  const te = encode(test);
  return { featureNames, Xtr: tr.X, ytr: tr.yy, Xte: te.X, yte: te.yy, nTrain: train.length, nTest: test.length, nRows: n };
}

/** ROC AUC with tie handling (average ranks). */
export function rocAuc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[order[k]] === 1) {
      rankSumPos += avg;
      nPos++;
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** F1 of the positive class at a probability threshold (≥ threshold → 1). */
export function f1At(y: ArrayLike<number>, proba: ArrayLike<number>, threshold = 0.5): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const p = proba[i] >= threshold ? 1 : 0;
    if (p === 1 && y[i] === 1) tp++;
    else if (p === 1) fp++;
    else if (y[i] === 1) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
