import type { TableLike } from '../data/table';
import { binaryTarget, Frame, inferKind, readColumn, tableColumn } from './columns';
import type { FittedStep, FittedTransform, InputColumn } from './fitted';
import { parseFeatureSpec, type FeatureSpec } from './spec';
import { compileStep } from './steps';
import { FeatureFitError } from './steps/context';
import { fitStep } from './steps';

export interface FitOptions {
  /** The binary target column; overrides `spec.target`. It is never an input feature. */
  targetColumn?: string;
}

/**
 * Learns every step's parameters from `train` (and only from it) and returns the fitted transform.
 * Raw column kinds are inferred here: a column whose non-blank cells are all number-like is numeric
 * (numeric strings coerced, blanks missing), anything else categorical.
 * Throws `FeatureSpecError` for an invalid spec and `FeatureFitError` (path `steps[i]…`) when a step does not fit the table.
 */
export function fit(spec: FeatureSpec | unknown, train: TableLike, options: FitOptions = {}): FittedTransform {
  const parsed = parseFeatureSpec(spec);
  const targetName = options.targetColumn ?? parsed.target ?? null;
  const names = train.columnNames();
  if (targetName !== null && !names.includes(targetName)) throw new RangeError(`target column "${targetName}" is not in the table`);
  const n = train.numRows();
  const frame = new Frame(n);
  const inputs: { name: string; kind: InputColumn['kind'] }[] = [];
  for (const name of names) {
    if (name === targetName) continue;
    const values = train.array(name);
    const kind = inferKind(values);
    inputs.push({ name, kind });
    frame.setLazy(name, kind, () => readColumn(values, kind, name));
  }
  let y: Float64Array | null = null;
  const steps: FittedStep[] = [];
  parsed.steps.forEach((step, i) => {
    const ctx = {
      path: `steps[${i}]`,
      targetName,
      target: () => (y ??= binaryTarget(tableColumn(train, targetName!), targetName!)),
    };
    const fitted = fitStep(step, frame, ctx);
    compileStep(fitted)(frame);
    steps.push(fitted);
  });
  for (const name of frame.order) {
    if (frame.meta(name)!.kind !== 'numeric') {
      throw new FeatureFitError('steps', `column "${name}" is still categorical after the last step; encode or drop it`);
    }
  }
  const featureSources = frame.order.map((name) => [...frame.get(name)!.sources]);
  const required = new Set(featureSources.flat());
  return {
    format: 'churnlab.fitted-transform',
    version: 1,
    spec: parsed,
    target: targetName,
    inputColumns: inputs.map((c) => ({ ...c, required: required.has(c.name) })),
    steps,
    outputFeatures: frame.order.slice(),
    featureSources,
    nTrainRows: n,
  };
}
