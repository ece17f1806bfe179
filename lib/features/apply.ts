import type { TableLike } from '../data/table';
import { Frame, readColumn, type Column } from './columns';
import { fittedTransformSchema, type FittedTransform } from './fitted';
import { FeatureSpecError, parseFeatureSpec, zodIssues } from './spec';
import { compileStep } from './steps';
import type { StepRunner } from './steps/context';

/** The model matrix: `X[i * featureNames.length + j]` is feature j of row i (row-major). */
export interface ApplyResult {
  X: Float64Array;
  featureNames: string[];
  nRows: number;
}

/** A fitted transform turned into a plan: step runners built once, reused for every call. */
export interface CompiledTransform {
  readonly fitted: FittedTransform;
  /** `alloc` gives the output matrix's memory (e.g. on a SharedArrayBuffer for worker threads); default a new array. */
  apply(table: TableLike, alloc?: (length: number) => Float64Array): ApplyResult;
  applyRow(record: Record<string, unknown>): Float64Array;
  /** Several records at once (one columnar pass): row i equals `applyRow(records[i])` bit for bit. */
  applyRecords(records: readonly Record<string, unknown>[]): Float64Array;
}

const cache = new WeakMap<FittedTransform, CompiledTransform>();

function missingColumn(kind: Column['kind'], n: number, name: string): Column {
  return kind === 'numeric'
    ? { kind, values: new Float64Array(n).fill(NaN), role: 'value', sources: [name] }
    : { kind, codes: new Int32Array(n).fill(-1), dict: [], role: 'value', sources: [name] };
}

/** Builds the plan of a fitted transform (cached per object by `apply`/`applyRow`). */
export function compileTransform(fitted: FittedTransform): CompiledTransform {
  const runners: StepRunner[] = fitted.steps.map(compileStep);
  const features = fitted.outputFeatures;
  const nf = features.length;

  const run = (frame: Frame, alloc?: (length: number) => Float64Array): Float64Array => {
    for (const r of runners) r(frame);
    const n = frame.n;
    const X = alloc ? alloc(n * nf) : new Float64Array(n * nf);
    if (X.length !== n * nf) throw new RangeError(`alloc gave ${X.length} values for a ${n} × ${nf} matrix`);
    const cols: Float64Array[] = [];
    for (let j = 0; j < nf; j++) {
      const col = frame.get(features[j]);
      if (col === undefined || col.kind !== 'numeric') throw new TypeError(`fitted transform did not produce feature "${features[j]}"`);
      cols.push(col.values);
    }
    // Row blocks keep the strided writes of the column → row transpose inside the cache.
    const B = 512;
    for (let b = 0; b < n; b += B) {
      const e = Math.min(n, b + B);
      for (let j = 0; j < nf; j++) {
        const v = cols[j];
        for (let i = b, o = b * nf + j; i < e; i++, o += nf) X[o] = v[i];
      }
    }
    return X;
  };

  const applyRecords = (records: readonly Record<string, unknown>[]): Float64Array => {
    const n = records.length;
    const frame = new Frame(n);
    for (const c of fitted.inputColumns) {
      // An absent field is a missing value; only own properties are read.
      const values = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        const r = records[i];
        values[i] = c.required && Object.hasOwn(r, c.name) ? r[c.name] : null;
      }
      frame.set(c.name, readColumn(values, c.kind, c.name));
    }
    return run(frame);
  };

  return {
    fitted,
    apply(table, alloc) {
      const n = table.numRows();
      const have = new Set(table.columnNames());
      const frame = new Frame(n);
      for (const c of fitted.inputColumns) {
        // Lazy: a column that feeds no output (dropped) is never read nor allocated.
        if (!c.required) frame.setLazy(c.name, c.kind, () => missingColumn(c.kind, n, c.name));
        else if (!have.has(c.name)) throw new RangeError(`input table lacks required column "${c.name}"`);
        else frame.setLazy(c.name, c.kind, () => readColumn(table.array(c.name), c.kind, c.name));
      }
      return { X: run(frame, alloc), featureNames: features.slice(), nRows: n };
    },
    applyRow: (record) => applyRecords([record]),
    applyRecords,
  };
}

function compiled(fitted: FittedTransform): CompiledTransform {
  let c = cache.get(fitted);
  if (c === undefined) {
    c = compileTransform(fitted);
    cache.set(fitted, c);
  }
  return c;
}

/**
 * Applies a fitted transform to a table → row-major `Float64Array` (nRows × nFeatures). Numeric inputs
 * coerce numeric strings (blanks → NaN); categorical inputs compare as strings. Missing numbers stay NaN
 * unless an impute step fills them. Throws `RangeError` when a required input column is absent.
 */
export function apply(fitted: FittedTransform, table: TableLike): ApplyResult {
  return compiled(fitted).apply(table);
}

/**
 * Applies a fitted transform to one record (the prediction API) → `Float64Array` of nFeatures, bit-identical
 * to the matching row of `apply`. Absent fields count as missing.
 */
export function applyRow(fitted: FittedTransform, record: Record<string, unknown>): Float64Array {
  return compiled(fitted).applyRow(record);
}

/** Checks unknown JSON as a fitted transform (schema, spec, consistency) and builds its plan once to prove it runs. */
export function fittedTransformFromJSON(json: unknown): FittedTransform {
  const r = fittedTransformSchema.safeParse(json);
  if (!r.success) throw new FeatureSpecError('fitted transform', zodIssues(r.error));
  const f = r.data;
  parseFeatureSpec(f.spec);
  const issues: { path: string; message: string }[] = [];
  if (f.steps.length !== f.spec.steps.length) issues.push({ path: 'steps', message: `${f.steps.length} fitted steps for ${f.spec.steps.length} spec steps` });
  f.steps.forEach((s, i) => {
    if (s.type !== f.spec.steps[i]?.type) issues.push({ path: `steps[${i}].type`, message: `"${s.type}" does not match spec step "${f.spec.steps[i]?.type}"` });
  });
  if (f.featureSources.length !== f.outputFeatures.length) issues.push({ path: 'featureSources', message: 'length differs from outputFeatures' });
  if (issues.length > 0) throw new FeatureSpecError('fitted transform', issues);
  // Run a one-row probe so a corrupt artifact fails here, not at prediction time.
  const c = compileTransform(f);
  const x = c.applyRow({});
  if (x.length !== f.outputFeatures.length) throw new FeatureSpecError('fitted transform', [{ path: 'outputFeatures', message: 'does not match the steps' }]);
  cache.set(f, c);
  return f;
}
