import type { TableLike } from '../data/table';
import { inferKind, isBlank, toLevel, type ColumnKind } from './columns';
import type { FeatureSpec, Step } from './spec';

/** Why `defaultSpecFromProfile` treats a column the way it does. */
export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  distinct: number;
  missing: number;
  /** Set when the column is dropped. */
  drop?: 'id_like' | 'constant' | 'date_like';
}

const ID_NAME = /(^|[_\s.-])id$|^id[_\s.-]|[a-z]Id$|^id$|ID$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Profiles each non-target column: kind, distinct non-missing values, missing count, and a drop reason if any. */
export function profileColumns(table: TableLike, target?: string): ColumnProfile[] {
  const n = table.numRows();
  return table.columnNames().filter((c) => c !== target).map((name) => {
    const values = table.array(name);
    const kind = inferKind(values);
    const seen = new Set<string>();
    let missing = 0;
    let strings = 0;
    let dates = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (isBlank(v)) {
        missing++;
        continue;
      }
      if (typeof v === 'string') {
        strings++;
        if (DATE_RE.test(v.trim())) dates++;
      } else if (v instanceof Date) dates++;
      seen.add(kind === 'numeric' && typeof v === 'string' ? String(Number(v.trim())) : toLevel(v)!);
    }
    const present = n - missing;
    const p: ColumnProfile = { name, kind, distinct: seen.size, missing };
    const allDistinct = present > 1 && seen.size === present && missing === 0;
    if (seen.size <= 1) p.drop = 'constant';
    else if (present > 0 && dates === present) p.drop = 'date_like';
    else if (allDistinct && (strings === present || ID_NAME.test(name))) p.drop = 'id_like';
    return p;
  });
}

/**
 * A sensible default spec for any table with a binary target: drop id-like (all-distinct text, or all-distinct
 * columns named id / *_id / *Id), date-like and constant columns; numeric-like text (e.g. Telco `TotalCharges`
 * with blanks) is numeric because `fit` coerces it; median-impute numerics, most-frequent-impute categoricals,
 * one-hot categoricals (max 20 columns each, rare levels → `__other__`), standard-scale numerics.
 */
export function defaultSpecFromProfile(table: TableLike, target: string): FeatureSpec {
  if (!table.columnNames().includes(target)) throw new RangeError(`target column "${target}" is not in the table`);
  const profile = profileColumns(table, target);
  const dropped = profile.filter((p) => p.drop !== undefined);
  const kept = profile.filter((p) => p.drop === undefined);
  const steps: Step[] = [];
  if (dropped.length > 0) {
    steps.push({
      type: 'drop',
      columns: dropped.map((p) => p.name),
      note: dropped.map((p) => `${p.name}: ${p.drop}`).join('; '),
    });
  }
  if (kept.some((p) => p.kind === 'numeric')) {
    steps.push({ type: 'impute', strategy: 'median', columns: 'numeric' });
  }
  if (kept.some((p) => p.kind === 'categorical')) {
    steps.push({ type: 'impute', strategy: 'most_frequent', columns: 'categorical' });
    steps.push({ type: 'encode', method: 'one_hot', columns: 'categorical', max_levels: 20 });
  }
  if (kept.some((p) => p.kind === 'numeric')) {
    steps.push({ type: 'scale', method: 'standard', columns: 'numeric' });
  }
  return { format: 'churnlab.feature-spec', version: 1, target, steps };
}
