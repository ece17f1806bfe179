import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../../data/table';
import { apply } from '../apply';
import { fit } from '../fit';
import type { FeatureSpec, Step } from '../spec';

function spec(steps: Step[], target?: string): FeatureSpec {
  return { format: 'churnlab.feature-spec', version: 1, ...(target ? { target } : {}), steps };
}

/** Column j of the output as a plain array. */
function col(r: { X: Float64Array; featureNames: string[]; nRows: number }, name: string): number[] {
  const j = r.featureNames.indexOf(name);
  expect(j, `feature ${name} in ${r.featureNames.join(',')}`).toBeGreaterThanOrEqual(0);
  const out: number[] = [];
  for (let i = 0; i < r.nRows; i++) out.push(r.X[i * r.featureNames.length + j]);
  return out;
}

describe('impute', () => {
  const t = tableFromColumns({ x: [1, null, 3, 10, NaN], c: ['a', 'b', null, 'b', 'a'] });

  it('median / mean on numerics, most_frequent (ties → smallest) on text, with indicators', () => {
    const f = fit(
      spec([
        { type: 'impute', strategy: 'median', columns: ['x'], add_indicator: true },
        { type: 'impute', strategy: 'most_frequent', columns: 'categorical', add_indicator: true },
        { type: 'encode', method: 'ordinal', columns: ['c'] },
      ]),
      t,
    );
    expect(f.steps[0]).toMatchObject({ columns: [{ name: 'x', fill: 3, indicator: 'x__missing' }] });
    expect(f.steps[1]).toMatchObject({ columns: [{ name: 'c', fill: 'a' }] });
    const r = apply(f, t);
    expect(r.featureNames).toEqual(['x', 'x__missing', 'c', 'c__missing']);
    expect(col(r, 'x')).toEqual([1, 3, 3, 10, 3]);
    expect(col(r, 'x__missing')).toEqual([0, 1, 0, 0, 1]);
    expect(col(r, 'c')).toEqual([0, 1, 0, 1, 0]);
    expect(col(r, 'c__missing')).toEqual([0, 0, 1, 0, 0]);
  });

  it('mean and constant; median of an even count averages the middle pair', () => {
    const m = fit(spec([{ type: 'impute', strategy: 'mean', columns: 'numeric' }, { type: 'drop', columns: ['c'] }]), t);
    expect(col(apply(m, t), 'x')).toEqual([1, 14 / 3, 3, 10, 14 / 3]);
    const k = fit(spec([{ type: 'impute', strategy: 'constant', fill_value: -1, columns: ['x'] }, { type: 'drop', columns: ['c'] }]), t);
    expect(col(apply(k, t), 'x')).toEqual([1, -1, 3, 10, -1]);
    const even = tableFromColumns({ x: [4, 1, null, 2, 10] });
    expect(fit(spec([{ type: 'impute', strategy: 'median', columns: ['x'] }]), even).steps[0]).toMatchObject({ columns: [{ fill: 3 }] });
  });

  it('rejects median on text and a text constant for numbers, naming the step', () => {
    expect(() => fit(spec([{ type: 'impute', strategy: 'median', columns: ['c'] }]), t)).toThrow('steps[0].strategy');
    expect(() => fit(spec([{ type: 'impute', strategy: 'constant', fill_value: 'z', columns: ['x'] }]), t)).toThrow(
      'steps[0].fill_value',
    );
  });

  it('an all-missing column has no fill (stays NaN) instead of throwing', () => {
    const e = tableFromColumns({ x: [null, null] });
    const f = fit(spec([{ type: 'impute', strategy: 'median', columns: ['x'] }]), e);
    expect(f.steps[0]).toMatchObject({ columns: [{ fill: null }] });
    expect(col(apply(f, e), 'x')).toEqual([NaN, NaN]);
  });
});

describe('derive', () => {
  it('computes column-wise, NaN for missing and division by zero', () => {
    const t = tableFromColumns({ a: [1, 2, null, 4], b: [2, 0, 1, '8'] });
    const f = fit(spec([{ type: 'derive', name: 'r', expression: 'a / b + 1' }]), t);
    expect(col(apply(f, t), 'r')).toEqual([1.5, NaN, NaN, 1.5]);
  });
  it('an unknown column, even "constructor", is a fit error naming the path and position', () => {
    const t = tableFromColumns({ a: [1] });
    expect(() => fit(spec([{ type: 'derive', name: 'r', expression: 'a + constructor' }]), t)).toThrow(
      'steps[0].expression: at 4: unknown column "constructor"',
    );
    // Object.fromEntries makes "__proto__" an own property (a literal would set the prototype).
    const withCtor = tableFromColumns(Object.fromEntries([['constructor', [1, 2]], ['__proto__', [10, 20]]]));
    const f = fit(spec([{ type: 'derive', name: 'r', expression: 'constructor + __proto__' }]), withCtor);
    expect(col(apply(f, withCtor), 'r')).toEqual([11, 22]);
  });
  it('may produce a text column that later steps encode; a bare reference copies', () => {
    const t = tableFromColumns({ a: [1, 5] });
    const f = fit(
      spec([
        { type: 'derive', name: 'size', expression: 'if(a > 2, "big", "small")' },
        { type: 'derive', name: 'a2', expression: 'a' },
        { type: 'scale', method: 'minmax', columns: ['a2'] },
        { type: 'encode', method: 'one_hot', columns: ['size'] },
      ]),
      t,
    );
    const r = apply(f, t);
    expect(col(r, 'size=big')).toEqual([0, 1]);
    expect(col(r, 'a')).toEqual([1, 5]);
    expect(col(r, 'a2')).toEqual([0, 1]);
  });
  it('referencing the target is refused at fit', () => {
    const t = tableFromColumns({ a: [1, 2], y: [0, 1] });
    expect(() => fit(spec([{ type: 'derive', name: 'r', expression: 'a + y' }], 'y'), t)).toThrow('target column "y"');
  });
});

describe('bin', () => {
  const t = tableFromColumns({ x: [-1, 0, 11.9, 12, 47, 48, 1000, null] });
  it('left-closed by default; out of range / missing → null level (all zeros after one-hot)', () => {
    const f = fit(
      spec([
        { type: 'bin', column: 'x', name: 'b', edges: [0, 12, 48, 'inf'], labels: ['lo', 'mid', 'hi'] },
        { type: 'encode', method: 'one_hot', columns: ['b'], missing_level: true },
      ]),
      t,
    );
    const r = apply(f, t);
    expect(r.featureNames).toEqual(['x', 'b=hi', 'b=lo', 'b=mid', 'b=__missing__']);
    expect(col(r, 'b=lo')).toEqual([0, 1, 1, 0, 0, 0, 0, 0]);
    expect(col(r, 'b=mid')).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
    expect(col(r, 'b=hi')).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
    expect(col(r, 'b=__missing__')).toEqual([1, 0, 0, 0, 0, 0, 0, 1]);
  });
  it('right=true gives (a, b] with the lowest edge included; a finite top edge is included', () => {
    const f = fit(
      spec([
        { type: 'bin', column: 'x', name: 'b', edges: [0, 12, 48], labels: ['lo', 'hi'], right: true },
        { type: 'encode', method: 'ordinal', columns: ['b'], levels: [{ column: 'b', levels: ['lo', 'hi'] }] },
      ]),
      t,
    );
    expect(col(apply(f, t), 'b')).toEqual([NaN, 0, 0, 0, 1, 1, NaN, NaN]);
  });
  it('validates edges and labels', () => {
    expect(() => fit(spec([{ type: 'bin', column: 'x', name: 'b', edges: [0, 0, 1], labels: ['a', 'b'] }]), t)).toThrow(
      'steps[0].edges[1]',
    );
    expect(() => fit(spec([{ type: 'bin', column: 'x', name: 'b', edges: [0, 1], labels: ['a', 'b'] }]), t)).toThrow('steps[0].labels');
  });
});

describe('encode', () => {
  const train = tableFromColumns({ c: ['a', 'b', 'b', 'c', 'c', 'c', 'd', null], y: [1, 0, 1, 0, 0, 1, 1, 0] });
  const test = tableFromColumns({ c: ['a', 'd', 'zzz', null, 'c'], y: [0, 0, 0, 0, 0] });

  it('one_hot with max_levels folds rare training levels into __other__; unseen → all zeros', () => {
    const f = fit(spec([{ type: 'encode', method: 'one_hot', columns: ['c'], max_levels: 3 }], 'y'), train);
    expect(f.steps[0]).toMatchObject({ columns: [{ levels: ['b', 'c'], rare: ['a', 'd'], other: true }] });
    const r = apply(f, test);
    expect(r.featureNames).toEqual(['c=b', 'c=c', 'c=__other__']);
    expect(Array.from(r.X)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('ordinal: training levels sorted, unseen → -1, missing → NaN', () => {
    const f = fit(spec([{ type: 'encode', method: 'ordinal', columns: 'categorical' }], 'y'), train);
    expect(col(apply(f, test), 'c')).toEqual([0, 3, -1, NaN, 2]);
  });

  it('target: smoothed means with the prior, unseen → prior, missing is its own group', () => {
    const f = fit(spec([{ type: 'encode', method: 'target', columns: ['c'], smoothing: 2 }], 'y'), train);
    const prior = 4 / 8;
    const enc = (s: number, n: number) => (s + 2 * prior) / (n + 2);
    expect(col(apply(f, test), 'c')).toEqual([enc(1, 1), enc(1, 1), prior, enc(0, 1), enc(1, 3)]);
  });

  it('target encoding needs a target', () => {
    expect(() => fit(spec([{ type: 'encode', method: 'target', columns: ['c'] }]), tableFromColumns({ c: ['a'] }))).toThrow(
      'needs a target',
    );
  });
});

describe('scale, select, drop', () => {
  const t = tableFromColumns({ a: [1, 2, 3, null], b: [5, 5, 5, 5], c: ['x', 'y', 'x', 'y'] });
  it('standard uses the population std, constant → scale 1, NaN stays NaN', () => {
    const f = fit(spec([{ type: 'scale', method: 'standard', columns: 'numeric' }, { type: 'drop', columns: ['c'] }]), t);
    const sd = Math.sqrt(2 / 3);
    expect(col(apply(f, t), 'a')).toEqual([(1 - 2) / sd, 0, (3 - 2) / sd, NaN]);
    expect(col(apply(f, t), 'b')).toEqual([0, 0, 0, 0]);
  });
  it('minmax', () => {
    const f = fit(spec([{ type: 'scale', method: 'minmax', columns: ['a'] }, { type: 'select', columns: ['a'] }]), t);
    expect(col(apply(f, t), 'a')).toEqual([0, 0.5, 1, NaN]);
  });
  it('select orders the output; unknown names are errors', () => {
    const f = fit(spec([{ type: 'select', columns: ['b', 'a'] }]), t);
    expect(apply(f, t).featureNames).toEqual(['b', 'a']);
    expect(() => fit(spec([{ type: 'drop', columns: ['nope'] }]), t)).toThrow('steps[0].columns: unknown column "nope"');
  });
  it('a categorical left at the end is an error', () => {
    expect(() => fit(spec([]), t)).toThrow('"c" is still categorical');
  });
});

describe('median (quickselect) against a sort-based reference', () => {
  it('agrees on random arrays with ties and NaN', async () => {
    const { median } = await import('./impute');
    let seed = 3;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rnd() * 40);
      const v = Float64Array.from({ length: n }, () => (rnd() < 0.1 ? NaN : Math.floor(rnd() * 10) - 5));
      const s = Array.from(v).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      const want = s.length === 0 ? null : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      expect(median(v)).toBe(want);
    }
  });
});
