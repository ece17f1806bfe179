import { createInspect, INSPECT_MAX_CHARS, type InspectFn } from './inspect';
import type { CellOutput, OutputColumnType, TableData } from './protocol';

/** The parser the worker loads (acorn's `parse`); only the fields the runtime reads are typed. */
export type ParseFn = (src: string, opts: Record<string, unknown>) => { body: { type: string; start: number; end: number; directive?: string; expression?: { start: number; end: number } }[] };

/** A normalized cell result: what to show, the table other cells can read, and notes for the log. */
export interface NormalizedOutput {
  output: CellOutput;
  value?: TableData;
  notes: string[];
}

/** Cell source ready for `new AsyncFunction(...)`: the last expression statement turned into `return (…);`. */
export interface PreparedSource {
  body: string;
  /** Set when the parser rejected the source; the caller still tries the JS engine before reporting it. */
  syntaxError?: { message: string; line?: number };
}

/** Runtime helpers returned by {@link createSandboxRuntime}. */
export interface SandboxRuntime {
  limits: { rowsShown: number; chartRows: number; logLines: number; logLineChars: number };
  inspect(value: unknown, depth?: number): string;
  prepareSource(source: string, parse: ParseFn | null): PreparedSource;
  normalizeOutput(value: unknown, inputs: Record<string, TableData>): NormalizedOutput;
  tableDataFromColumns(columns: Record<string, ArrayLike<unknown>>): TableData;
  columnType(values: ArrayLike<unknown>): OutputColumnType;
  isValidInputName(name: string): boolean;
}

/**
 * Builds the helpers the sandbox worker uses to prepare cell source and turn a cell's return value into a
 * {@link CellOutput}. The function is SELF-CONTAINED (no imports, no outer references) because the worker script
 * is assembled from its `toString()`: keep it that way; `inspect` comes from {@link createInspect}. It is also
 * imported directly by unit tests.
 *
 * Output rules: arquero table / danfo DataFrame or Series / array of plain objects / `{ columns }` → table (at most
 * `rowsShown` rows shown, `value` holds all rows); a vega-lite spec (`mark`, `layer` or a vega-lite `$schema`) →
 * chart with data inline (`data.name` naming an input inlines that input; never `url`); `undefined` → empty;
 * anything else → value text.
 */
export function createSandboxRuntime(inspect: InspectFn): SandboxRuntime {
  const limits = { rowsShown: 1000, chartRows: 5000, logLines: 200, logLineChars: 2000 };
  const RESERVED = new Set(
    ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
      'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
      'private protected public await async arguments eval undefined NaN Infinity aq tf dfd console globalThis self').split(' '),
  );

  const isPlainObject = (v: unknown): v is Record<string, unknown> => {
    if (v === null || typeof v !== 'object') return false;
    const p = Object.getPrototypeOf(v);
    return p === Object.prototype || p === null;
  };
  const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  const isArquero = (v: unknown): v is { columnNames(): string[]; numRows(): number; array(n: string): ArrayLike<unknown>; objects(o?: { limit?: number }): object[] } =>
    !!v && typeof v === 'object' && typeof (v as { columnNames?: unknown }).columnNames === 'function' && typeof (v as { numRows?: unknown }).numRows === 'function' && typeof (v as { array?: unknown }).array === 'function';
  const isDanfo = (v: unknown): v is { $isSeries: boolean; columns: string[]; values: unknown[]; index?: unknown[] } =>
    !!v && typeof v === 'object' && typeof (v as { $isSeries?: unknown }).$isSeries === 'boolean' && Array.isArray((v as { columns?: unknown }).columns) && Array.isArray((v as { values?: unknown }).values);

  function prepareSource(source: string, parse: ParseFn | null): PreparedSource {
    if (!parse) return { body: source };
    let program: ReturnType<ParseFn>;
    try {
      program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, locations: true });
    } catch (e) {
      const err = e as { message?: string; loc?: { line: number } };
      return { body: source, syntaxError: { message: String(err.message ?? e), line: err.loc?.line } };
    }
    const last = program.body[program.body.length - 1];
    // A lone string literal parses as a directive prologue; only a real directive ('use strict') is left alone.
    if (!last || last.type !== 'ExpressionStatement' || !last.expression || (last.directive !== undefined && /^use /.test(last.directive))) return { body: source };
    // Same line count as the source, so engine line numbers stay the user's line numbers.
    const expr = source.slice(last.expression.start, last.expression.end);
    return { body: `${source.slice(0, last.start)}return (${expr});${source.slice(last.end)}` };
  }

  function columnType(values: ArrayLike<unknown>): OutputColumnType {
    if (ArrayBuffer.isView(values)) return values instanceof BigInt64Array || values instanceof BigUint64Array ? 'other' : 'number';
    let kind: OutputColumnType | null = null;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const k: OutputColumnType = typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : v instanceof Date ? 'date' : 'other';
      if (kind === null) kind = k;
      else if (kind !== k) return 'other';
    }
    return kind ?? 'other';
  }

  /** Numbers (null → NaN) become Float64Array; values structured clone cannot carry become strings. */
  function portableColumn(values: ArrayLike<unknown>, type: OutputColumnType): unknown[] {
    if (type === 'number') {
      if (values instanceof Float64Array) return values as unknown as unknown[];
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[i] = typeof v === 'number' ? v : NaN;
      }
      return out as unknown as unknown[];
    }
    const out = Array.from(values);
    if (type === 'other') {
      for (let i = 0; i < out.length; i++) {
        const v = out[i];
        if (typeof v === 'function' || typeof v === 'symbol' || (v !== null && typeof v === 'object' && !isPlainObject(v) && !Array.isArray(v) && !(v instanceof Date))) out[i] = inspect(v, 1);
      }
    }
    return out;
  }

  function tableDataFromColumns(columns: Record<string, ArrayLike<unknown>>): TableData {
    const out: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(columns)) out[name] = portableColumn(values, columnType(values));
    return { columns: out };
  }

  function tableOutput(columns: Record<string, ArrayLike<unknown>>, notes: string[]): NormalizedOutput {
    const names = Object.keys(columns);
    const lengths = names.map((n) => columns[n].length);
    const totalRows = lengths.length ? lengths[0] : 0;
    const bad = names.find((n, i) => lengths[i] !== totalRows);
    if (bad !== undefined) throw new RangeError(`column "${bad}" has ${columns[bad].length} values but column "${names[0]}" has ${totalRows}: table columns must be the same length`);
    const value = tableDataFromColumns(columns);
    const shown = Math.min(totalRows, limits.rowsShown);
    const cols = names.map((name) => ({ name, type: columnType(value.columns[name]) }));
    const rows: unknown[][] = new Array(shown);
    for (let r = 0; r < shown; r++) {
      const row: unknown[] = new Array(names.length);
      for (let c = 0; c < names.length; c++) {
        const v = value.columns[names[c]][r];
        row[c] = v !== null && typeof v === 'object' && !(v instanceof Date) ? inspect(v, 1) : v;
      }
      rows[r] = row;
    }
    if (totalRows > shown) notes.push(`showing the first ${shown} of ${totalRows} rows`);
    return { output: { kind: 'table', columns: cols, rows, totalRows }, value, notes };
  }

  function danfoColumns(v: { $isSeries: boolean; columns: string[]; values: unknown[]; index?: unknown[] }): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    // Labels (describe's count/mean…, string keys) are data; a numeric index left over from filtering is not.
    const index = Array.isArray(v.index) ? v.index : [];
    if (index.some((x) => typeof x !== 'number')) out.index = index;
    if (v.$isSeries) {
      const name = v.columns[0] && v.columns[0] !== '0' ? v.columns[0] : 'value';
      out[name] = v.values;
      return out;
    }
    const rows = v.values as unknown[][];
    v.columns.forEach((name, c) => {
      out[name] = rows.map((row) => row[c]);
    });
    return out;
  }

  function objectsColumns(rows: Record<string, unknown>[]): Record<string, unknown[]> {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const k of Object.keys(row)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    const out: Record<string, unknown[]> = {};
    for (const n of names) out[n] = rows.map((row) => (n in row ? row[n] : null));
    return out;
  }

  function isColumnsObject(v: unknown): v is { columns: Record<string, ArrayLike<unknown>> } {
    if (!isPlainObject(v) || Object.keys(v).length !== 1 || !isPlainObject(v.columns)) return false;
    return Object.values(v.columns).every(isArrayLike);
  }

  function isVegaLite(v: unknown): v is Record<string, unknown> {
    if (!isPlainObject(v)) return false;
    if (typeof v.$schema === 'string') return v.$schema.includes('vega-lite');
    return 'mark' in v || Array.isArray(v.layer);
  }

  function rowsOf(t: unknown, max: number): Record<string, unknown>[] | null {
    if (isArquero(t)) return t.objects({ limit: max }) as Record<string, unknown>[];
    return null;
  }

  function chartOutput(spec: Record<string, unknown>, inputs: Record<string, TableData>, notes: string[]): NormalizedOutput {
    const max = limits.chartRows;
    const capValues = (data: Record<string, unknown>, where: string) => {
      const asRows = rowsOf(data.values, max);
      if (asRows) data.values = asRows;
      else if (isColumnsObject(data.values)) data.values = objectsFromColumns(data.values.columns, max);
      if (Array.isArray(data.values) && data.values.length > max) {
        notes.push(`chart ${where}: drew the first ${max} of ${data.values.length} rows`);
        data.values = data.values.slice(0, max);
      }
    };
    const objectsFromColumns = (columns: Record<string, ArrayLike<unknown>>, limit: number) => {
      const names = Object.keys(columns);
      const n = Math.min(limit, names.length ? columns[names[0]].length : 0);
      const out: Record<string, unknown>[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const row: Record<string, unknown> = {};
        for (const name of names) row[name] = columns[name][r];
        out[r] = row;
      }
      if (names.length && columns[names[0]].length > limit) notes.push(`chart: drew the first ${limit} of ${columns[names[0]].length} rows`);
      return out;
    };
    // Data first (tables/typed arrays are not JSON), then a JSON round trip drops functions and cycles throw.
    const datasetNames = isPlainObject(spec.datasets) ? Object.keys(spec.datasets) : [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (isPlainObject(node)) {
        for (const key of Object.keys(node)) {
          if (key === 'url' || key === 'href') throw new TypeError(`chart spec: "${path ? `${path}.` : ''}${key}" is not allowed in notebook charts (no network); put the data inline as values`);
          const child = node[key];
          if ((key === 'data' || key === 'from') && isPlainObject(child)) {
            const name = child.name;
            if (typeof name === 'string' && !('values' in child) && !datasetNames.includes(name)) {
              if (!Object.hasOwn(inputs, name)) {
                const have = Object.keys(inputs);
                throw new TypeError(`chart spec: ${path ? `${path}.` : ''}${key}.name "${name}" is not an input of this cell (${have.length ? `inputs: ${have.join(', ')}` : 'it has no inputs'}); mention the table in the code (e.g. \`${name}.numRows()\`) or put the data inline`);
              }
              child.values = objectsFromColumns(inputs[name].columns, max);
              delete child.name;
            }
            if ('values' in child) capValues(child, `${path ? `${path}.` : ''}${key}`);
          }
          if (key === 'datasets' && isPlainObject(child)) {
            for (const [dsName, ds] of Object.entries(child)) {
              const holder: Record<string, unknown> = { values: ds };
              capValues(holder, `datasets.${dsName}`);
              child[dsName] = holder.values;
            }
          }
          // Row values are the user's data: a column may well be called url.
          if (key !== 'values' && key !== 'datasets') walk(child, path ? `${path}.${key}` : key);
        }
      }
    };
    const copy = { ...spec };
    walk(copy, '');
    const json = JSON.parse(JSON.stringify(copy)) as Record<string, unknown>;
    return { output: { kind: 'chart', spec: json }, notes };
  }

  function normalizeOutput(value: unknown, inputs: Record<string, TableData>): NormalizedOutput {
    const notes: string[] = [];
    if (value === undefined) return { output: { kind: 'empty' }, notes };
    if (isArquero(value)) {
      const cols: Record<string, ArrayLike<unknown>> = {};
      for (const name of value.columnNames()) cols[name] = value.array(name);
      return tableOutput(cols, notes);
    }
    if (isDanfo(value)) return tableOutput(danfoColumns(value), notes);
    if (isColumnsObject(value)) return tableOutput(value.columns, notes);
    if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) return tableOutput(objectsColumns(value), notes);
    if (isVegaLite(value)) return chartOutput(value, inputs, notes);
    return { output: { kind: 'value', text: inspect(value) }, notes };
  }

  function isValidInputName(name: string): boolean {
    return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
  }

  return { limits, inspect, prepareSource, normalizeOutput, tableDataFromColumns, columnType, isValidInputName };
}

let shared: SandboxRuntime | null = null;

/**
 * Whether `name` can be a cell's table name inside code cells: a JavaScript identifier that is not a keyword and
 * does not shadow `aq`, `tf`, `dfd`, `console` (the worker refuses other input names).
 */
export function isUsableTableName(name: string): boolean {
  shared ??= createSandboxRuntime(createInspect(INSPECT_MAX_CHARS));
  return shared.isValidInputName(name);
}
