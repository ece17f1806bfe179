import type { Column, Frame } from '../columns';
import type { FittedImpute } from '../fitted';
import type { ImputeStep } from '../spec';
import { cmpStr, countLevels, FeatureFitError, resolveColumns, type FitContext, type StepRunner } from './context';

/** Rearranges xs[lo..hi] so that xs[k] is the k-th smallest (Hoare quickselect, median-of-three pivot). */
function select(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = xs[lo];
    const b = xs[mid];
    const c = xs[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k];
  }
  return xs[k];
}

/** Median of the non-NaN values (mean of the middle pair for an even count); null when there are none. O(n). */
export function median(v: Float64Array): number | null {
  let k = 0;
  const xs = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) xs[k++] = v[i];
  if (k === 0) return null;
  const s = xs.subarray(0, k);
  const h = k >> 1;
  const upper = select(s, h);
  if (k % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < h; i++) if (s[i] > lower) lower = s[i];
  return (lower + upper) / 2;
}

function mean(v: Float64Array): number | null {
  let s = 0;
  let k = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === v[i]) {
      s += v[i];
      k++;
    }
  }
  return k === 0 ? null : s / k;
}

/** The most frequent value; ties go to the smallest (numbers numerically, text by code units), like scikit-learn. */
function modeNumeric(v: Float64Array): number | null {
  const m = new Map<number, number>();
  for (let i = 0; i < v.length; i++) if (v[i] === v[i]) m.set(v[i], (m.get(v[i]) ?? 0) + 1);
  let best: number | null = null;
  let bc = 0;
  for (const [x, c] of m) if (c > bc || (c === bc && best !== null && x < best)) [best, bc] = [x, c];
  return best;
}

function modeLevel(v: { codes: Int32Array; dict: string[] }): string | null {
  let best: string | null = null;
  let bc = 0;
  for (const [x, c] of countLevels(v)) if (c > bc || (c === bc && best !== null && cmpStr(x, best) < 0)) [best, bc] = [x, c];
  return best;
}

export function fitImpute(step: ImputeStep, frame: Frame, ctx: FitContext): FittedImpute {
  const names = resolveColumns(step.columns, frame, ctx.path, ctx.targetName);
  const columns = names.map((name) => {
    const col = frame.get(name)!;
    let fill: number | string | null;
    if (col.kind === 'numeric') {
      if (step.strategy === 'median') fill = median(col.values);
      else if (step.strategy === 'mean') fill = mean(col.values);
      else if (step.strategy === 'most_frequent') fill = modeNumeric(col.values);
      else {
        if (typeof step.fill_value !== 'number') {
          throw new FeatureFitError(`${ctx.path}.fill_value`, `numeric column "${name}" needs a numeric fill_value`);
        }
        fill = step.fill_value;
      }
    } else {
      if (step.strategy === 'median' || step.strategy === 'mean') {
        throw new FeatureFitError(`${ctx.path}.strategy`, `"${step.strategy}" cannot impute categorical column "${name}"`);
      }
      fill = step.strategy === 'most_frequent' ? modeLevel(col) : String(step.fill_value);
    }
    const indicator = step.add_indicator ? `${name}__missing` : null;
    if (indicator !== null && frame.meta(indicator) !== undefined) {
      throw new FeatureFitError(ctx.path, `indicator column "${indicator}" already exists`);
    }
    return { name, kind: col.kind, fill, indicator };
  });
  return { type: 'impute', strategy: step.strategy, columns };
}

export function compileImpute(f: FittedImpute): StepRunner {
  return (frame) => {
    const n = frame.n;
    for (const c of f.columns) {
      const col = frame.get(c.name)!;
      let ind: Float64Array | null = null;
      if (c.indicator !== null) ind = new Float64Array(n);
      let next: Column;
      if (col.kind === 'numeric') {
        const fill = typeof c.fill === 'number' ? c.fill : NaN;
        // In place: the frame owns its arrays (see Frame).
        const v = col.values;
        for (let i = 0; i < n; i++) {
          if (v[i] !== v[i]) {
            v[i] = fill;
            if (ind !== null) ind[i] = 1;
          }
        }
        next = col;
      } else {
        let dict = col.dict;
        let fill = -1;
        if (typeof c.fill === 'string') {
          fill = dict.indexOf(c.fill);
          if (fill < 0) {
            dict = [...dict, c.fill];
            fill = dict.length - 1;
          }
        }
        const v = col.codes;
        for (let i = 0; i < n; i++) {
          if (v[i] < 0) {
            v[i] = fill;
            if (ind !== null) ind[i] = 1;
          }
        }
        next = { kind: 'categorical', codes: v, dict, role: col.role, sources: col.sources };
      }
      frame.set(c.name, next);
      if (ind !== null) frame.set(c.indicator!, { kind: 'numeric', values: ind, role: 'indicator', sources: col.sources }, c.name);
    }
  };
}
