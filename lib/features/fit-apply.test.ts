import { describe, expect, it } from 'vitest';
import { tableFromColumns, type TableLike } from '../data/table';
import { apply, applyRow, compileTransform, fittedTransformFromJSON } from './apply';
import { fit } from './fit';
import { syntheticSeedColumns, syntheticSeedTable } from './seed-synthetic';
import { seedFeatureSpec } from './seed-spec';
import type { FeatureSpec } from './spec';

function rowOf(table: TableLike, i: number): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const c of table.columnNames()) rec[c] = table.array(c)[i];
  return rec;
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
  return true;
}

const richSpec: FeatureSpec = {
  format: 'churnlab.feature-spec',
  version: 1,
  target: 'churned',
  steps: [
    { type: 'drop', columns: ['customer_id', 'signup_date'] },
    { type: 'impute', strategy: 'median', columns: ['age'], add_indicator: true },
    { type: 'derive', name: 'ratio', expression: 'log(avg_monthly_charges + 1) / sqrt(tenure) - exp(-late_payments) % 0.7' },
    { type: 'derive', name: 'flag', expression: "contract_type == 'Two year' or is_null(gender)" },
    { type: 'bin', column: 'tenure', name: 'tb', edges: ['-inf', 12, 24, 'inf'], labels: ['a', 'b', 'c'] },
    { type: 'encode', method: 'target', columns: ['location'], smoothing: 5 },
    { type: 'encode', method: 'ordinal', columns: ['payment_method'] },
    { type: 'encode', method: 'one_hot', columns: ['gender', 'contract_type', 'tb'], missing_level: true },
    { type: 'scale', method: 'standard', columns: 'numeric' },
    { type: 'scale', method: 'minmax', columns: ['location'] },
  ],
};

describe('apply vs applyRow', () => {
  it.each([
    ['seed spec', seedFeatureSpec()],
    ['rich spec', richSpec],
  ])('%s: every row is bit-identical', (_, spec) => {
    const train = syntheticSeedTable(2000, 7, 0.1);
    const test = syntheticSeedTable(300, 8, 0.1);
    const f = fit(spec, train);
    const r = apply(f, test);
    const nf = r.featureNames.length;
    for (let i = 0; i < r.nRows; i++) {
      const row = applyRow(f, rowOf(test, i));
      expect(sameBits(row, r.X.subarray(i * nf, (i + 1) * nf)), `row ${i}`).toBe(true);
    }
    // several records in one columnar pass: the same bits again
    const records = Array.from({ length: r.nRows }, (_, i) => rowOf(test, i));
    expect(sameBits(compileTransform(f).applyRecords(records), r.X)).toBe(true);
  });

  it('writes the matrix into memory the caller gives (e.g. a SharedArrayBuffer), with the same bits', () => {
    const train = syntheticSeedTable(300, 4);
    const f = fit(richSpec, train);
    const plain = compileTransform(f).apply(train).X;
    let given: Float64Array | null = null;
    const shared = compileTransform(f).apply(train, (len) => (given = new Float64Array(new SharedArrayBuffer(len * 8)))).X;
    expect(shared).toBe(given);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sameBits(shared, plain)).toBe(true);
    expect(() => compileTransform(f).apply(train, (len) => new Float64Array(len - 1))).toThrow(/alloc gave/);
  });

  it('applyRow treats absent fields as missing and ignores inherited properties', () => {
    const f = fit(seedFeatureSpec(), syntheticSeedTable(500, 3));
    const proto = { tenure: 5 };
    const rec = Object.create(proto) as Record<string, unknown>;
    expect(sameBits(applyRow(f, rec), applyRow(f, {}))).toBe(true);
    expect(applyRow(f, {}).length).toBe(f.outputFeatures.length);
  });
});

describe('fit reads only the training rows', () => {
  it('applying to a table with unseen levels and extreme values changes no fitted parameter', () => {
    const train = syntheticSeedTable(1000, 11);
    const f = fit(richSpec, train);
    const before = JSON.stringify(f);
    const cols = syntheticSeedColumns(50, 12);
    cols.location[0] = 'Atlantis';
    cols.contract_type[1] = 'Ten year';
    cols.gender[2] = 'Other';
    cols.tenure[3] = 1e9;
    cols.avg_monthly_charges[4] = -1e12;
    cols.payment_method[5] = 'Barter';
    const test = tableFromColumns(cols);
    const r = apply(f, test);
    expect(JSON.stringify(f)).toBe(before);
    const nf = r.featureNames.length;
    const at = (i: number, name: string) => r.X[i * nf + r.featureNames.indexOf(name)];
    // unseen one-hot level → all zeros for that column's block
    expect(r.featureNames.filter((n) => n.startsWith('contract_type=')).map((n) => at(1, n))).toEqual([0, 0, 0, 0]);
    // unseen ordinal → -1, then standard-scaled? No: encoded columns are not matched by the 'numeric' selector.
    expect(at(5, 'payment_method')).toBe(-1);
    // unseen target-encoded level → prior, then min-max scaled with the training range
    const te = f.steps[5] as Extract<(typeof f.steps)[number], { method: 'target' }>;
    const sc = f.steps[9] as Extract<(typeof f.steps)[number], { type: 'scale' }>;
    expect(at(0, 'location')).toBe((te.prior - sc.columns[0].offset) / sc.columns[0].scale);
    // an extreme tenure falls in the open top bin
    expect(at(3, 'tb=c')).toBe(1);
    // re-fitting on the same training rows gives the same artifact
    expect(JSON.stringify(fit(richSpec, train))).toBe(before);
  });
});

describe('JSON round trip and artifact checks', () => {
  it('round-trips through JSON with identical output bits', () => {
    const train = syntheticSeedTable(800, 21, 0.05);
    const f = fit(richSpec, train);
    const text = JSON.stringify(f);
    expect(text).not.toMatch(/NaN|Infinity/);
    const g = fittedTransformFromJSON(JSON.parse(text));
    expect(g).toEqual(f);
    expect(sameBits(apply(g, train).X, apply(f, train).X)).toBe(true);
  });

  it('rejects a tampered artifact naming the field', () => {
    const f = JSON.parse(JSON.stringify(fit(seedFeatureSpec(), syntheticSeedTable(100, 2))));
    expect(() => fittedTransformFromJSON({ ...f, format: 'x' })).toThrow('format');
    expect(() => fittedTransformFromJSON({ ...f, version: 2 })).toThrow('version');
    const bad = structuredClone(f);
    bad.steps[3].expression = 'constructor(1)';
    expect(() => fittedTransformFromJSON(bad)).toThrow('unknown function "constructor"');
    const mismatch = structuredClone(f);
    mismatch.steps.pop();
    expect(() => fittedTransformFromJSON(mismatch)).toThrow('fitted steps');
    const spec = structuredClone(f);
    spec.spec.steps[3].expression = '1 +';
    expect(() => fittedTransformFromJSON(spec)).toThrow('spec.steps[3].expression');
  });
});

describe('input columns and feature sources', () => {
  it('records raw kinds, which inputs are required, and the sources of each feature', () => {
    const f = fit(seedFeatureSpec(), syntheticSeedTable(200, 5));
    const byName = new Map(f.inputColumns.map((c) => [c.name, c]));
    expect(byName.get('customer_id')).toEqual({ name: 'customer_id', kind: 'categorical', required: false });
    expect(byName.get('avg_call_minutes')).toEqual({ name: 'avg_call_minutes', kind: 'numeric', required: true });
    expect(byName.has('churned')).toBe(false);
    const src = (name: string) => f.featureSources[f.outputFeatures.indexOf(name)];
    expect(src('avg_revenue_per_month')).toEqual(['avg_monthly_charges', 'tenure']);
    expect(src('tenure_category=loyal')).toEqual(['tenure']);
    expect(src('gender=Male')).toEqual(['gender']);
  });

  it('apply needs required columns but not dropped ones', () => {
    const f = fit(seedFeatureSpec(), syntheticSeedTable(200, 5));
    const cols = syntheticSeedColumns(10, 6);
    delete cols.customer_id;
    delete cols.signup_date;
    delete cols.churned;
    expect(apply(f, tableFromColumns(cols)).nRows).toBe(10);
    delete cols.tenure;
    expect(() => apply(f, tableFromColumns(cols))).toThrow('required column "tenure"');
  });
});

describe('missing values through every step', () => {
  it('an all-missing record follows each step’s documented missing rule', () => {
    const train = syntheticSeedTable(1000, 31, 0.1);
    const f = fit(richSpec, train);
    const x = applyRow(f, {});
    const at = (name: string) => x[f.outputFeatures.indexOf(name)];
    const scale = f.steps[8] as Extract<(typeof f.steps)[number], { type: 'scale' }>;
    const impute = f.steps[1] as Extract<(typeof f.steps)[number], { type: 'impute' }>;
    const ageScale = scale.columns.find((c) => c.name === 'age')!;
    expect(at('age')).toBe(((impute.columns[0].fill as number) - ageScale.offset) / ageScale.scale); // impute
    expect(at('age__missing')).toBe(1); // indicator
    expect(at('ratio')).toBeNaN(); // derive propagates NaN, scale keeps it
    expect(at('tenure')).toBeNaN(); // not imputed → stays NaN
    const flagScale = scale.columns.find((c) => c.name === 'flag')!;
    expect(at('flag')).toBe((1 - flagScale.offset) / flagScale.scale); // is_null(gender) = 1, Kleene or
    expect(at('tb=__missing__')).toBe(1); // bin: missing → null level
    expect(at('gender=__missing__')).toBe(1);
    expect(at('payment_method')).toBeNaN(); // ordinal missing → NaN
    const te = f.steps[5] as Extract<(typeof f.steps)[number], { method: 'target' }>;
    const mm = f.steps[9] as Extract<(typeof f.steps)[number], { type: 'scale' }>;
    expect(at('location')).toBe((te.columns[0].missing - mm.columns[0].offset) / mm.columns[0].scale);
  });
});

describe('ownership', () => {
  it('never mutates the caller’s arrays and gives the same result twice', () => {
    const x = Float64Array.of(1, NaN, 3, NaN);
    const c = ['a', null, 'b', 'a'];
    const t = tableFromColumns({ x, c });
    const spec: FeatureSpec = {
      format: 'churnlab.feature-spec',
      version: 1,
      steps: [
        { type: 'derive', name: 'x2', expression: 'min(x)' },
        { type: 'impute', strategy: 'mean', columns: ['x'] },
        { type: 'impute', strategy: 'most_frequent', columns: ['c'] },
        { type: 'scale', method: 'standard', columns: ['x'] },
        { type: 'encode', method: 'one_hot', columns: ['c'] },
      ],
    };
    const f = fit(spec, t);
    const a = apply(f, t);
    expect(Array.from(x)).toEqual([1, NaN, 3, NaN]);
    expect(c).toEqual(['a', null, 'b', 'a']);
    expect(sameBits(apply(f, t).X, a.X)).toBe(true);
    // x2 is a copy of raw x: not imputed, not scaled
    expect(a.featureNames).toEqual(['x', 'c=a', 'c=b', 'x2']);
    expect(Array.from({ length: 4 }, (_, i) => a.X[i * 4 + 3])).toEqual([1, NaN, 3, NaN]);
  });
});
