import { encodeLevels, type Column, type ColumnKind, type Frame } from '../columns';

/** A spec that cannot be fitted to the given table; `path` names the step field (`steps[2].expression`). */
export class FeatureFitError extends RangeError {
  readonly path: string;
  constructor(path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'FeatureFitError';
    this.path = path;
  }
}

/** What a step's fit may read besides the frame. */
export interface FitContext {
  /** `steps[i]`, for error messages. */
  path: string;
  targetName: string | null;
  /** The binary target of the training rows (NaN = missing), computed on first use. */
  target(): Float64Array;
}

/** Applies one fitted step to a frame, in place. Built once per fitted transform. */
export type StepRunner = (frame: Frame) => void;

/** Resolves a column list or a kind selector against the current frame (selectors match only `value` columns). */
export function resolveColumns(
  sel: string[] | ColumnKind,
  frame: Frame,
  path: string,
  targetName: string | null,
): string[] {
  if (sel === 'numeric' || sel === 'categorical') {
    return frame.order.filter((n) => {
      const c = frame.meta(n)!;
      return c.kind === sel && c.role === 'value';
    });
  }
  for (const name of sel) {
    if (frame.meta(name) === undefined) {
      const why = name === targetName ? ' (it is the target column)' : '';
      throw new FeatureFitError(`${path}.columns`, `unknown column "${name}"${why}`);
    }
  }
  return sel;
}

/** A column as dictionary codes; numeric values become levels via `String()`. */
export function levelsOf(col: Column): { codes: Int32Array; dict: string[] } {
  return col.kind === 'categorical' ? col : encodeLevels(col.values);
}

/** Level → count of a dictionary-encoded column, in dictionary order (repeated dictionary strings merge). */
export function countLevels(col: { codes: Int32Array; dict: string[] }): Map<string, number> {
  const counts = new Float64Array(col.dict.length);
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  const m = new Map<string, number>();
  col.dict.forEach((l, k) => {
    if (counts[k] > 0) m.set(l, (m.get(l) ?? 0) + counts[k]);
  });
  return m;
}

/** For each dictionary code, the value `lookup(level)` (memoised per distinct string). */
export function dictTable(dict: string[], lookup: (level: string) => number): Float64Array {
  const t = new Float64Array(dict.length);
  for (let k = 0; k < dict.length; k++) t[k] = lookup(dict[k]);
  return t;
}

/** Code-unit string order, locale independent so results are the same everywhere. */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
