import type { Column, Frame } from '../columns';
import type { FittedScale } from '../fitted';
import type { ScaleStep } from '../spec';
import { FeatureFitError, resolveColumns, type FitContext, type StepRunner } from './context';

/**
 * standard: offset = mean, scale = population std (ddof 0, like scikit-learn); minmax: offset = min, scale = max − min.
 * A zero or undefined spread gives scale 1. NaN values are skipped when fitting and stay NaN.
 */
export function fitScale(step: ScaleStep, frame: Frame, ctx: FitContext): FittedScale {
  const names = resolveColumns(step.columns, frame, ctx.path, ctx.targetName);
  const columns = names.map((name) => {
    const col = frame.get(name)!;
    if (col.kind !== 'numeric') throw new FeatureFitError(`${ctx.path}.columns`, `cannot scale categorical column "${name}"`);
    const v = col.values;
    if (step.method === 'none') return { name, offset: 0, scale: 1 };
    if (step.method === 'minmax') {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < v.length; i++) {
        if (v[i] < lo) lo = v[i];
        if (v[i] > hi) hi = v[i];
      }
      if (lo > hi) return { name, offset: 0, scale: 1 };
      return { name, offset: lo, scale: hi - lo === 0 ? 1 : hi - lo };
    }
    let s = 0;
    let k = 0;
    for (let i = 0; i < v.length; i++) {
      if (v[i] === v[i]) {
        s += v[i];
        k++;
      }
    }
    if (k === 0) return { name, offset: 0, scale: 1 };
    const mean = s / k;
    let ss = 0;
    for (let i = 0; i < v.length; i++) {
      if (v[i] === v[i]) {
        const d = v[i] - mean;
        ss += d * d;
      }
    }
    const sd = Math.sqrt(ss / k);
    return { name, offset: mean, scale: sd > 0 ? sd : 1 };
  });
  return { type: 'scale', method: step.method, columns };
}

export function compileScale(f: FittedScale): StepRunner {
  return (frame) => {
    const n = frame.n;
    for (const c of f.columns) {
      const col = frame.get(c.name)!;
      const v = (col as Extract<Column, { kind: 'numeric' }>).values;
      const { offset, scale } = c;
      // In place: the frame owns its arrays (see Frame).
      for (let i = 0; i < n; i++) v[i] = (v[i] - offset) / scale;
    }
  };
}
