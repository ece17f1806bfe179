import { decodeLevels, encodeLevels, type Column, type Frame } from '../columns';
import { ExpressionError } from '../expression/errors';
import { compileExpression, type CompiledExpression } from '../expression/evaluate';
import { parseExpression, referencedColumns } from '../expression/parser';
import type { FittedDerive } from '../fitted';
import type { DeriveStep } from '../spec';
import { FeatureFitError, type FitContext, type StepRunner } from './context';

function compileFor(expression: string, frame: Frame): CompiledExpression {
  // Frame lookups go through a Map, so `constructor` or `__proto__` are ordinary (usually unknown) column names.
  return compileExpression(parseExpression(expression), (name) => frame.meta(name)?.kind);
}

export function fitDerive(step: DeriveStep, frame: Frame, ctx: FitContext): FittedDerive {
  const path = `${ctx.path}.expression`;
  let compiled: CompiledExpression;
  try {
    const ast = parseExpression(step.expression);
    if (ctx.targetName !== null && referencedColumns(ast).includes(ctx.targetName) && frame.meta(ctx.targetName) === undefined) {
      throw new FeatureFitError(path, `references the target column "${ctx.targetName}" (leakage)`);
    }
    compiled = compileFor(step.expression, frame);
  } catch (e) {
    if (e instanceof ExpressionError) throw new FeatureFitError(path, e.message);
    throw e;
  }
  return { type: 'derive', name: step.name, expression: step.expression, kind: compiled.kind };
}

export function compileDerive(f: FittedDerive): StepRunner {
  // Compiled on first use against the frame's column kinds, which are fixed by the fitted input columns.
  let compiled: CompiledExpression | null = null;
  return (frame) => {
    if (compiled === null) {
      compiled = compileFor(f.expression, frame);
      if (compiled.kind !== f.kind) throw new TypeError(`derive "${f.name}": expected a ${f.kind} result, got ${compiled.kind}`);
    }
    const c = compiled;
    let values = c.evaluate((name) => {
      const col = frame.get(name)!;
      return col.kind === 'numeric' ? col.values : decodeLevels(col);
    }, frame.n);
    let sources: string[] = [];
    for (const r of c.refs) {
      const rc = frame.get(r)!;
      // A bare column reference returns that column's own array; never share arrays between columns.
      if (rc.kind === 'numeric' && rc.values === values) values = values.slice();
      for (const s of rc.sources) if (!sources.includes(s)) sources.push(s);
    }
    if (c.refs.length === 0) sources = [];
    const col = (c.kind === 'numeric'
      ? { kind: 'numeric', values: values as Float64Array, role: 'value', sources }
      : { kind: 'categorical', ...encodeLevels(values as (string | null)[]), role: 'value', sources }) as Column;
    frame.set(f.name, col);
  };
}
