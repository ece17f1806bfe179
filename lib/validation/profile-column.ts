import { isNumericTyped } from './column-kernels';
import { sortValues } from './column-aggregates';

/** Maximum number of distinct values kept as `levels`; above it a column is not categorical. */
export const MAX_LEVELS = 50;

/** Type inferred from the present cells: one JS kind, or `mixed`, or `empty` when all cells are missing. */
export type InferredType = 'int' | 'float' | 'str' | 'bool' | 'datetime' | 'mixed' | 'empty';

/** A light, single-column profile used to suggest expectations. */
export interface ColumnProfile {
  column: string;
  rowCount: number;
  nullCount: number;
  /** nullCount / rowCount, 0..1 (0 for an empty table). */
  nullRate: number;
  inferredType: InferredType;
  /** Numeric columns (int/float): smallest and largest present value; otherwise null. */
  min: number | null;
  max: number | null;
  distinctCount: number;
  /** Sorted distinct present values when there are at most MAX_LEVELS of them, else null. */
  levels: unknown[] | null;
  /** Every present value occurs once (and there are at least two). */
  allUnique: boolean;
}

/** Profiles one column in a single pass plus a distinct-value set. */
export function profileColumn(values: ArrayLike<unknown>, column: string): ColumnProfile {
  const n = values.length;
  const typed = isNumericTyped(values);
  let nulls = 0;
  let ints = 0;
  let floats = 0;
  let strs = 0;
  let bools = 0;
  let dates = 0;
  let min = Infinity;
  let max = -Infinity;
  const distinct = new Map<unknown, unknown>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null || v !== v) {
      nulls++;
      continue;
    }
    if (typed || typeof v === 'number' || typeof v === 'bigint') {
      const x = Number(v);
      if (Number.isInteger(x)) ints++;
      else floats++;
      if (x < min) min = x;
      if (x > max) max = x;
    } else if (typeof v === 'string') strs++;
    else if (typeof v === 'boolean') bools++;
    else if (v instanceof Date) dates++;
    const key = v instanceof Date ? v.getTime() : v;
    if (!distinct.has(key)) distinct.set(key, v);
  }
  const present = n - nulls;
  const numeric = ints + floats;
  let inferredType: InferredType;
  if (present === 0) inferredType = 'empty';
  else if (numeric === present) inferredType = floats > 0 ? 'float' : 'int';
  else if (strs === present) inferredType = 'str';
  else if (bools === present) inferredType = 'bool';
  else if (dates === present) inferredType = 'datetime';
  else inferredType = 'mixed';
  const isNum = inferredType === 'int' || inferredType === 'float';
  return {
    column,
    rowCount: n,
    nullCount: nulls,
    nullRate: n > 0 ? nulls / n : 0,
    inferredType,
    min: isNum ? min : null,
    max: isNum ? max : null,
    distinctCount: distinct.size,
    levels: distinct.size <= MAX_LEVELS ? sortValues([...distinct.values()]) : null,
    allUnique: present >= 2 && distinct.size === present,
  };
}
