import { parse } from 'acorn';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { createInspect, INSPECT_MAX_CHARS } from './inspect';
import { createSandboxRuntime, isUsableTableName, type ParseFn } from './runtime';

const rt = createSandboxRuntime(createInspect(INSPECT_MAX_CHARS));
const acornParse = parse as unknown as ParseFn;

describe('prepareSource', () => {
  it('returns the last expression statement, keeping line numbers', () => {
    expect(rt.prepareSource('1 + 2', acornParse).body).toBe('return (1 + 2);');
    expect(rt.prepareSource('"alive"', acornParse).body).toBe('return ("alive");');
    const src = 'const t = snapshot\nt.groupby("plan")\n  .count();\n// done';
    const out = rt.prepareSource(src, acornParse).body;
    expect(out).toBe('const t = snapshot\nreturn (t.groupby("plan")\n  .count());\n// done');
    expect(out.split('\n')).toHaveLength(src.split('\n').length);
  });
  it('leaves bodies that end in a statement, an explicit return or a directive alone', () => {
    for (const src of ['const x = 1', 'return 5', 'if (a) { b }', "'use strict'", 'for (const x of y) z(x)']) {
      expect(rt.prepareSource(src, acornParse)).toEqual({ body: src });
    }
  });
  it('accepts top-level await and return, and reports syntax errors with their line', () => {
    expect(rt.prepareSource('const r = await f()\nr * 2', acornParse).body).toBe('const r = await f()\nreturn (r * 2);');
    const bad = rt.prepareSource('const x = 1\nconst = 2', acornParse);
    expect(bad.syntaxError?.line).toBe(2);
    expect(bad.body).toBe('const x = 1\nconst = 2');
  });
  it('without a parser runs the source as a body', () => {
    expect(rt.prepareSource('1 + 2', null)).toEqual({ body: '1 + 2' });
  });
});

describe('normalizeOutput', () => {
  it('turns an arquero table into a table output with a portable value', () => {
    const t = aq.table({ plan: ['a', 'b', 'a'], spend: [1, null, 3], churned: [true, false, true] });
    const n = rt.normalizeOutput(t, {});
    expect(n.output).toEqual({
      kind: 'table',
      columns: [
        { name: 'plan', type: 'string' },
        { name: 'spend', type: 'number' },
        { name: 'churned', type: 'boolean' },
      ],
      rows: [
        ['a', 1, true],
        ['b', NaN, false],
        ['a', 3, true],
      ],
      totalRows: 3,
    });
    expect(n.value?.columns.spend).toBeInstanceOf(Float64Array);
    expect(Array.from(n.value!.columns.spend)).toEqual([1, NaN, 3]);
  });
  it('caps the rows shown but keeps every row in the value', () => {
    const t = aq.table({ x: Float64Array.from({ length: 2500 }, (_, i) => i) });
    const n = rt.normalizeOutput(t, {});
    expect(n.output.kind === 'table' && n.output.rows.length).toBe(rt.limits.rowsShown);
    expect(n.output.kind === 'table' && n.output.totalRows).toBe(2500);
    expect(n.value!.columns.x).toHaveLength(2500);
    expect(n.notes).toEqual(['showing the first 1000 of 2500 rows']);
  });
  it('reads arrays of plain objects (union of keys) and {columns} objects as tables', () => {
    const a = rt.normalizeOutput([{ a: 1, b: 'x' }, { a: 2, c: new Date(0) }], {});
    expect(a.output.kind === 'table' && a.output.columns).toEqual([
      { name: 'a', type: 'number' },
      { name: 'b', type: 'string' },
      { name: 'c', type: 'date' },
    ]);
    expect(a.output.kind === 'table' && a.output.rows[1]).toEqual([2, null, new Date(0)]);
    const c = rt.normalizeOutput({ columns: { x: [1, 2], y: ['p', 'q'] } }, {});
    expect(c.output.kind === 'table' && c.output.totalRows).toBe(2);
    expect(() => rt.normalizeOutput({ columns: { x: [1, 2], y: ['p'] } }, {})).toThrow(/column "y" has 1 values/);
  });
  it('reads danfo-shaped frames and series', () => {
    const frame = { $isSeries: false, columns: ['a', 'b'], values: [[1, 'x'], [2, 'y']], index: [0, 1] };
    expect(rt.normalizeOutput(frame, {}).output).toMatchObject({ kind: 'table', rows: [[1, 'x'], [2, 'y']], totalRows: 2 });
    const series = { $isSeries: true, columns: ['0'], values: [5, 6], index: ['p', 'q'] };
    expect(rt.normalizeOutput(series, {}).output).toMatchObject({ kind: 'table', columns: [{ name: 'index' }, { name: 'value' }], rows: [['p', 5], ['q', 6]] });
  });
  it('passes vega-lite specs through as charts, inlining a named input and refusing urls', () => {
    const inputs = { snapshot: { columns: { plan: ['a', 'b'], spend: [1, 2] } } };
    const n = rt.normalizeOutput({ mark: 'bar', data: { name: 'snapshot' }, encoding: { x: { field: 'plan' } }, fn: () => 1 }, inputs);
    expect(n.output).toEqual({ kind: 'chart', spec: { mark: 'bar', data: { values: [{ plan: 'a', spend: 1 }, { plan: 'b', spend: 2 }] }, encoding: { x: { field: 'plan' } } } });
    expect(rt.normalizeOutput({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', layer: [] }, {}).output.kind).toBe('chart');
    expect(() => rt.normalizeOutput({ mark: 'bar', data: { url: 'https://example.com/x.csv' } }, {})).toThrow(/data\.url/);
    expect(() => rt.normalizeOutput({ mark: 'bar', data: { name: 'other' } }, inputs)).toThrow(/data.name "other" is not an input of this cell \(inputs: snapshot\)/);
    expect(rt.normalizeOutput({ mark: 'bar', data: { name: 'd' }, datasets: { d: [{ a: 1 }] } }, {}).output.kind).toBe('chart');
    expect(() => rt.normalizeOutput({ mark: 'text', encoding: { href: { field: 'u' } } }, {})).toThrow(/encoding\.href/);
    // a data column may be called url
    expect(rt.normalizeOutput({ mark: 'bar', data: { values: [{ url: 'x' }] } }, {}).output.kind).toBe('chart');
  });
  it('caps inline chart data', () => {
    const values = Array.from({ length: 6000 }, (_, i) => ({ i }));
    const n = rt.normalizeOutput({ mark: 'point', data: { values } }, {});
    expect(n.output.kind === 'chart' && (n.output.spec.data as { values: unknown[] }).values).toHaveLength(rt.limits.chartRows);
    expect(n.notes[0]).toMatch(/first 5000 of 6000/);
  });
  it('maps undefined to empty and anything else to text', () => {
    expect(rt.normalizeOutput(undefined, {}).output).toEqual({ kind: 'empty' });
    expect(rt.normalizeOutput(null, {}).output).toEqual({ kind: 'value', text: 'null' });
    expect(rt.normalizeOutput('hi', {}).output).toEqual({ kind: 'value', text: 'hi' });
    expect(rt.normalizeOutput([], {}).output).toEqual({ kind: 'value', text: '[]' });
    expect(rt.normalizeOutput(new Map([[1, { a: [1, 2] }]]), {}).output).toEqual({ kind: 'value', text: 'Map(1) { 1 => { a: [1, 2] } }' });
  });
});

describe('inspect', () => {
  it('handles cycles, depth, long arrays and odd values', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    expect(rt.inspect(o)).toBe('{ a: 1, self: [Circular] }');
    expect(rt.inspect({ a: { b: { c: { d: 1 } } } })).toBe('{ a: { b: { c: [Object] } } }');
    expect(rt.inspect(Array.from({ length: 150 }, () => 0))).toMatch(/… 50 more/);
    expect(rt.inspect([1n, Symbol('s'), function named() {}, new Float64Array([1, 2])], 2)).toBe('[1n, Symbol(s), [Function named], Float64Array(2) [1, 2]]');
    expect(rt.inspect('x'.repeat(30_000)).length).toBeLessThan(20_100);
  });
});

describe('columnType and input names', () => {
  it('types columns by their non-missing values', () => {
    expect(rt.columnType([null, 1, 2])).toBe('number');
    expect(rt.columnType(new Float64Array(2))).toBe('number');
    expect(rt.columnType(['a', 1])).toBe('other');
    expect(rt.columnType([null])).toBe('other');
  });
  it('accepts identifiers that do not shadow keywords or the libraries', () => {
    expect(rt.isValidInputName('snapshot')).toBe(true);
    expect(rt.isValidInputName('cell_2')).toBe(true);
    for (const bad of ['aq', 'tf', 'dfd', 'console', 'class', '2x', 'a-b', '']) expect(rt.isValidInputName(bad)).toBe(false);
    expect(isUsableTableName('churn_by_plan')).toBe(true);
    expect(isUsableTableName('aq')).toBe(false);
  });
});
