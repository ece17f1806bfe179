import type { Column, Frame } from '../columns';
import type { FittedBin } from '../fitted';
import { edgeValue, type BinStep } from '../spec';
import { FeatureFitError, type FitContext, type StepRunner } from './context';

export function fitBin(step: BinStep, frame: Frame, ctx: FitContext): FittedBin {
  const col = frame.get(step.column);
  if (col === undefined) throw new FeatureFitError(`${ctx.path}.column`, `unknown column "${step.column}"`);
  if (col.kind !== 'numeric') throw new FeatureFitError(`${ctx.path}.column`, `bin needs a numeric column, "${step.column}" is categorical`);
  return { type: 'bin', column: step.column, name: step.name, edges: step.edges, labels: step.labels, right: step.right ?? false };
}

/**
 * Bin index of x, or -1 when missing / out of range.
 * right=false: [e_k, e_k+1), the last bin also takes a finite top edge; right=true: (e_k, e_k+1], the first
 * bin also takes its bottom edge.
 */
export function binIndex(x: number, e: Float64Array, right: boolean): number {
  const m = e.length - 1;
  if (x !== x || x < e[0] || x > e[m]) return -1;
  if (right) {
    if (x === e[0]) return 0;
    let lo = 0;
    let hi = m; // find the first k with x <= e[k+1]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= e[mid + 1]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  if (x === e[m]) return m - 1;
  let lo = 0;
  let hi = m; // find the first k with x < e[k+1]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < e[mid + 1]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function compileBin(f: FittedBin): StepRunner {
  const edges = Float64Array.from(f.edges.map(edgeValue));
  return (frame) => {
    const col = frame.get(f.column)!;
    const v = (col as Extract<Column, { kind: 'numeric' }>).values;
    const codes = new Int32Array(frame.n);
    for (let i = 0; i < frame.n; i++) codes[i] = binIndex(v[i], edges, f.right);
    frame.set(f.name, { kind: 'categorical', codes, dict: f.labels, role: 'value', sources: col.sources }, f.column);
  };
}
