/** The Train cell's parameter fields per model family, and the text ↔ value conversions of its form. */

export type Family = 'gbdt' | 'logreg' | 'mlp';
export const FAMILIES: { value: Family; label: string }[] = [
  { value: 'gbdt', label: 'Gradient-boosted trees (gbdt)' },
  { value: 'logreg', label: 'Logistic regression (logreg)' },
  { value: 'mlp', label: 'Neural network (mlp)' },
];

export interface ParamField {
  key: string;
  label: string;
  kind: 'number' | 'int' | 'nullableInt' | 'choice' | 'intList';
  choices?: string[];
  help?: string;
}

export const GBDT_FIELDS: ParamField[] = [
  { key: 'learning_rate', label: 'learning_rate', kind: 'number' },
  { key: 'max_iter', label: 'max_iter', kind: 'int' },
  { key: 'max_depth', label: 'max_depth', kind: 'nullableInt', help: 'empty = unlimited' },
  { key: 'max_leaf_nodes', label: 'max_leaf_nodes', kind: 'nullableInt', help: 'empty = unlimited' },
  { key: 'min_samples_leaf', label: 'min_samples_leaf', kind: 'int' },
  { key: 'l2_regularization', label: 'l2_regularization', kind: 'number' },
  { key: 'early_stopping', label: 'early_stopping', kind: 'choice', choices: ['false', 'true', 'auto'] },
  { key: 'validation_fraction', label: 'validation_fraction', kind: 'number' },
  { key: 'n_iter_no_change', label: 'n_iter_no_change', kind: 'int' },
  { key: 'random_state', label: 'random_state', kind: 'int' },
];

const DENSE_FIELDS: ParamField[] = [
  { key: 'epochs', label: 'epochs', kind: 'int' },
  { key: 'batchSize', label: 'batchSize', kind: 'int' },
  { key: 'learningRate', label: 'learningRate', kind: 'number' },
  { key: 'l2', label: 'l2', kind: 'number' },
];

export function fieldsFor(family: Family): ParamField[] {
  if (family === 'gbdt') return GBDT_FIELDS;
  if (family === 'mlp') return [...DENSE_FIELDS, { key: 'hiddenUnits', label: 'hiddenUnits', kind: 'intList', help: 'comma-separated, e.g. 32, 16' }];
  return DENSE_FIELDS;
}

/** The seed's GBDT parameters (also given by the server as `defaultParams`) and the dense families' defaults. */
export const GBDT_DEFAULTS: Record<string, unknown> = {
  learning_rate: 0.1,
  max_iter: 200,
  max_leaf_nodes: 31,
  max_depth: 10,
  min_samples_leaf: 50,
  l2_regularization: 0.1,
  early_stopping: false,
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  random_state: 42,
};
export const DENSE_DEFAULTS: Record<string, unknown> = { epochs: 50, batchSize: 64, learningRate: 0.01, l2: 0, hiddenUnits: [16] };

export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** Form texts of a family, from `defaults` (falling back to the built-in defaults per key). */
export function initialTexts(family: Family, defaults: Record<string, unknown>): Record<string, string> {
  const base = family === 'gbdt' ? { ...GBDT_DEFAULTS, ...defaults } : DENSE_DEFAULTS;
  return Object.fromEntries(fieldsFor(family).map((f) => [f.key, toText(base[f.key])]));
}

/** Parses the form texts into params, or returns the first field error. */
export function parseTexts(family: Family, texts: Record<string, string>): { ok: true; params: Record<string, unknown> } | { ok: false; error: string } {
  const params: Record<string, unknown> = {};
  for (const f of fieldsFor(family)) {
    const t = (texts[f.key] ?? '').trim();
    if (f.kind === 'choice') {
      params[f.key] = t === 'true' ? true : t === 'false' ? false : t;
      continue;
    }
    if (f.kind === 'intList') {
      const parts = t.split(',').map((s) => s.trim()).filter(Boolean);
      const ints = parts.map(Number);
      if (!parts.length || ints.some((n) => !Number.isInteger(n) || n < 1)) return { ok: false, error: `${f.label}: give whole numbers ≥ 1, separated by commas` };
      params[f.key] = ints;
      continue;
    }
    if (t === '' && f.kind === 'nullableInt') {
      params[f.key] = null;
      continue;
    }
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) return { ok: false, error: `${f.label}: not a number` };
    if ((f.kind === 'int' || f.kind === 'nullableInt') && !Number.isInteger(n)) return { ok: false, error: `${f.label}: must be a whole number` };
    params[f.key] = n;
  }
  return { ok: true, params };
}
