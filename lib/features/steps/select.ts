import type { Frame } from '../columns';
import type { FittedDrop, FittedSelect } from '../fitted';
import type { DropStep, SelectStep } from '../spec';
import { FeatureFitError, resolveColumns, type FitContext, type StepRunner } from './context';

export function fitSelect(step: SelectStep | DropStep, frame: Frame, ctx: FitContext): FittedSelect | FittedDrop {
  resolveColumns(step.columns, frame, ctx.path, ctx.targetName);
  if (new Set(step.columns).size !== step.columns.length) throw new FeatureFitError(`${ctx.path}.columns`, 'duplicate column names');
  return { type: step.type, columns: step.columns } as FittedSelect | FittedDrop;
}

/** select keeps exactly the listed columns in the listed order; drop removes the listed columns. */
export function compileSelect(f: FittedSelect | FittedDrop): StepRunner {
  if (f.type === 'drop') return (frame) => f.columns.forEach((c) => frame.remove(c));
  return (frame) => {
    const keep = new Set(f.columns);
    for (const name of frame.order.slice()) if (!keep.has(name)) frame.remove(name);
    frame.order = f.columns.slice();
  };
}
