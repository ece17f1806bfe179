import { describe, expect, it } from 'vitest';
import { CHART_ROWS_UNAGGREGATED, forbiddenChartKeys, suggestChart, toVegaLite, validateChartSpec, type ChartCellSpec } from './chart-spec';
import type { TableData } from './protocol';

const data: TableData = {
  columns: {
    plan: ['basic', 'pro', 'basic', 'pro'],
    spend: new Float64Array([10, 20, NaN, 40]) as unknown as unknown[],
    tenure: [1, 2, 3, 4],
    notes: ['a', 'b', 'c', 'd'],
  },
};

describe('toVegaLite', () => {
  it('inlines only the encoded fields and maps the builder choices to encodings', () => {
    const spec: ChartCellSpec = { input: 'snapshot', mark: 'bar', x: { field: 'plan', type: 'nominal' }, y: { field: 'spend', type: 'quantitative', aggregate: 'mean' }, title: 'Spend' };
    const vl = toVegaLite(spec, data);
    expect(vl).toMatchObject({
      title: 'Spend',
      mark: { type: 'bar', tooltip: true },
      encoding: { x: { field: 'plan', type: 'nominal' }, y: { field: 'spend', type: 'quantitative', aggregate: 'mean' } },
      usermeta: { churnlab: { rows: 4, totalRows: 4 } },
    });
    // NaN (missing) becomes null so vega skips it; unencoded columns stay out
    expect((vl.data as { values: unknown[] }).values).toEqual([
      { plan: 'basic', spend: 10 },
      { plan: 'pro', spend: 20 },
      { plan: 'basic', spend: null },
      { plan: 'pro', spend: 40 },
    ]);
  });
  it('counts rows without a field and bins quantitative fields', () => {
    const vl = toVegaLite({ input: 't', mark: 'bar', x: { field: 'tenure', type: 'quantitative', bin: true }, y: { field: '', type: 'quantitative', aggregate: 'count' } }, data);
    expect(vl.encoding).toEqual({ x: { field: 'tenure', type: 'quantitative', bin: true }, y: { aggregate: 'count', type: 'quantitative', title: 'count' } });
    expect((vl.data as { values: unknown[] }).values[0]).toEqual({ tenure: 1 });
  });
  it('draws an evenly spaced subset past maxRows and says so', () => {
    const big: TableData = { columns: { x: Array.from({ length: 10_000 }, (_, i) => i) } };
    const vl = toVegaLite({ input: 't', mark: 'point', x: { field: 'x', type: 'quantitative' } }, big);
    const values = (vl.data as { values: { x: number }[] }).values;
    expect(values).toHaveLength(CHART_ROWS_UNAGGREGATED);
    expect(values[1].x).toBe(2);
    expect(values.at(-1)!.x).toBeGreaterThan(9_990);
    expect(vl.usermeta).toEqual({ churnlab: { rows: 5000, totalRows: 10_000 } });
    // aggregated charts keep every row up to their larger cap
    const agg = toVegaLite({ input: 't', mark: 'bar', x: { field: 'x', type: 'quantitative', bin: true }, y: { field: 'x', type: 'quantitative', aggregate: 'count' } }, big);
    expect((agg.data as { values: unknown[] }).values).toHaveLength(10_000);
  });
  it('uses a raw spec as written, adding the input rows only when it has no data', () => {
    const raw = { mark: 'tick', encoding: { x: { field: 'tenure', type: 'quantitative' } } };
    const vl = toVegaLite({ input: 't', mark: 'bar', raw }, data);
    expect(vl.mark).toBe('tick');
    expect((vl.data as { values: unknown[] }).values).toHaveLength(4);
    expect(raw).not.toHaveProperty('data');
    const own = toVegaLite({ input: 't', mark: 'bar', raw: { mark: 'bar', data: { values: [{ a: 1 }] } } }, data);
    expect(own.data).toEqual({ values: [{ a: 1 }] });
    expect(() => toVegaLite({ input: 't', mark: 'bar', raw: { mark: 'bar', data: { url: '/api/projects' } } }, data)).toThrow(/raw: "data.url"/);
  });
});

describe('validateChartSpec', () => {
  const cols = ['plan', 'spend'];
  it('accepts a drawable spec', () => {
    expect(validateChartSpec({ input: 'snapshot', mark: 'bar', x: { field: 'plan', type: 'nominal' }, y: { field: 'spend', type: 'quantitative', aggregate: 'sum' } }, cols)).toEqual([]);
  });
  it('names each bad field', () => {
    const problems = validateChartSpec(
      {
        input: '',
        mark: 'pie' as ChartCellSpec['mark'],
        x: { field: 'region', type: 'nominal', bin: true },
        y: { field: 'plan', type: 'nominal', aggregate: 'mean' },
        color: { field: 'spend', type: 'wide' as 'nominal' },
      },
      cols,
    );
    expect(problems).toEqual([
      'input: choose the table to chart',
      'mark: "pie" is not one of bar, line, point, area, tick, rect, boxplot',
      'x.field: column "region" is not in table ""',
      'x.bin: only quantitative fields can be binned',
      'y.aggregate: mean needs a quantitative field',
      'color.type: "wide" is not one of quantitative, nominal, ordinal, temporal',
    ]);
    expect(validateChartSpec({ input: 't', mark: 'bar' }, cols)).toEqual(['x: choose a field for x or y']);
    expect(validateChartSpec({ input: 't', mark: 'boxplot', x: { field: 'plan', type: 'nominal' } }, cols)).toEqual(['y.type: a boxplot needs one quantitative axis without aggregate or bin']);
  });
  it('checks raw specs for a mark and forbidden keys only', () => {
    expect(validateChartSpec({ input: 't', mark: 'bar', raw: { layer: [] } }, [])).toEqual([]);
    expect(validateChartSpec({ input: 't', mark: 'bar', raw: { encoding: {} } }, [])).toEqual(['raw: a vega-lite spec needs a "mark" (or layer/concat/facet/repeat)']);
    expect(validateChartSpec({ input: 't', mark: 'bar', raw: { mark: 'image', encoding: { url: { field: 'u' } } } }, [])).toEqual([
      'raw.encoding.url: not allowed in notebook charts (no network); put the data inline',
    ]);
  });
});

describe('forbiddenChartKeys', () => {
  it('finds url and href anywhere except in row values', () => {
    expect(forbiddenChartKeys({ layer: [{ data: { url: 'x' } }, { encoding: { href: {} } }], data: { values: [{ url: 1 }] } })).toEqual(['layer[0].data.url', 'layer[1].encoding.href']);
  });
});

describe('suggestChart', () => {
  it('picks a chart from the column types', () => {
    expect(suggestChart([{ name: 'customer_id', type: 'string' }, { name: 'plan', type: 'string' }, { name: 'spend', type: 'number' }], 'snapshot')).toEqual({
      input: 'snapshot',
      mark: 'bar',
      x: { field: 'plan', type: 'nominal' },
      y: { field: 'spend', type: 'quantitative', aggregate: 'mean' },
    });
    expect(suggestChart([{ name: 'customerID', type: 'string' }, { name: 'userId', type: 'string' }, { name: 'tenure', type: 'number' }], 't')).toMatchObject({ x: { field: 'tenure', bin: true } });
    expect(suggestChart([{ name: 'day', type: 'date' }, { name: 'n', type: 'number' }], 't')).toMatchObject({ mark: 'line', x: { field: 'day', type: 'temporal' } });
    expect(suggestChart([{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }], 't')).toEqual({ input: 't', mark: 'point', x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } });
    expect(suggestChart([{ name: 'a', type: 'number' }, { name: 'churned', type: 'boolean' }], 't')).toMatchObject({ mark: 'bar', x: { field: 'churned', type: 'nominal' }, y: { field: 'a', aggregate: 'mean' } });
    expect(suggestChart([{ name: 'a', type: 'number' }], 't')).toMatchObject({ x: { field: 'a', bin: true }, y: { aggregate: 'count' } });
    expect(suggestChart([{ name: 'plan', type: 'string' }], 't')).toMatchObject({ x: { field: 'plan' }, y: { aggregate: 'count' } });
    expect(suggestChart([], 't')).toEqual({ input: 't', mark: 'bar' });
  });
  it('suggests specs that validate', () => {
    const cols = [{ name: 'plan', type: 'string' as const }, { name: 'spend', type: 'number' as const }];
    expect(validateChartSpec(suggestChart(cols, 'snapshot'), ['plan', 'spend'])).toEqual([]);
    expect(validateChartSpec(suggestChart([cols[1]], 'snapshot'), ['spend'])).toEqual([]);
  });
});
