import type { OutputColumnType, TableData } from './protocol';

/** One encoding channel of a chart cell. `aggregate: 'count'` counts rows and needs no field. */
export interface ChartEncoding {
  field: string;
  type: 'quantitative' | 'nominal' | 'ordinal' | 'temporal';
  aggregate?: 'count' | 'sum' | 'mean' | 'median' | 'min' | 'max';
  bin?: boolean;
}

/** A chart cell as stored in the notebook document: the guided builder's choices, or hand-edited vega-lite in `raw`. */
export interface ChartCellSpec {
  /** Name of the input table: `snapshot` or another cell's name. */
  input: string;
  mark: 'bar' | 'line' | 'point' | 'area' | 'tick' | 'rect' | 'boxplot';
  x?: ChartEncoding;
  y?: ChartEncoding;
  color?: ChartEncoding;
  title?: string;
  /** hand-edited vega-lite overriding the builder */
  raw?: Record<string, unknown> | null;
}

export const CHART_MARKS: readonly ChartCellSpec['mark'][] = ['bar', 'line', 'point', 'area', 'tick', 'rect', 'boxplot'];
export const ENCODING_TYPES: readonly ChartEncoding['type'][] = ['quantitative', 'nominal', 'ordinal', 'temporal'];
export const AGGREGATES: readonly NonNullable<ChartEncoding['aggregate']>[] = ['count', 'sum', 'mean', 'median', 'min', 'max'];
const CHANNELS = ['x', 'y', 'color'] as const;

/** Rows drawn by default: one mark per row beyond a few thousand is unreadable and slow in SVG. */
export const CHART_ROWS_UNAGGREGATED = 5_000;
/** Aggregated charts draw few marks, so they may read many more rows (a sample would bias counts and sums). */
export const CHART_ROWS_AGGREGATED = 100_000;

/**
 * Paths of keys a notebook chart may not contain: `url` (vega would fetch it with the viewer's cookies) and `href`
 * (links out of the page). Row values under `values`/`datasets` are data and are not searched.
 */
export function forbiddenChartKeys(spec: unknown, path = ''): string[] {
  const out: string[] = [];
  if (Array.isArray(spec)) spec.forEach((x, i) => out.push(...forbiddenChartKeys(x, `${path}[${i}]`)));
  else if (spec && typeof spec === 'object') {
    for (const [k, v] of Object.entries(spec)) {
      const here = path ? `${path}.${k}` : k;
      if (k === 'url' || k === 'href') out.push(here);
      else if (k !== 'values' && k !== 'datasets') out.push(...forbiddenChartKeys(v, here));
    }
  }
  return out;
}

function isAggregated(spec: ChartCellSpec): boolean {
  return spec.mark === 'boxplot' || CHANNELS.some((c) => spec[c]?.aggregate !== undefined);
}

function encodingOf(e: ChartEncoding): Record<string, unknown> {
  if (e.aggregate === 'count') return { aggregate: 'count', type: 'quantitative', title: 'count' };
  return { field: e.field, type: e.type, ...(e.aggregate ? { aggregate: e.aggregate } : {}), ...(e.bin ? { bin: true } : {}) };
}

/** Row objects of the named fields, every `stride`-th row so a capped chart still spans the whole table. */
function rowsOf(data: TableData, fields: string[], maxRows: number): { values: Record<string, unknown>[]; totalRows: number } {
  const cols = data.columns;
  const names = fields.length ? fields : Object.keys(cols);
  const first = Object.keys(cols)[0];
  const totalRows = first === undefined ? 0 : cols[first].length;
  const n = Math.min(totalRows, maxRows);
  const stride = totalRows / Math.max(n, 1);
  const values: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i * stride);
    const row: Record<string, unknown> = {};
    for (const f of names) {
      const v = cols[f]?.[r];
      row[f] = typeof v === 'number' && Number.isNaN(v) ? null : v;
    }
    values[i] = row;
  }
  return { values, totalRows };
}

/**
 * The vega-lite spec of a chart cell with its input's rows inlined as `data.values`. Only the encoded fields are
 * copied; past `maxRows` (default 5,000, or 100,000 when the chart aggregates) an evenly spaced subset is drawn and
 * `usermeta.churnlab` says so. A `raw` spec is used as written, with the input inlined when it has no data of its
 * own. Throws TypeError when the spec holds a forbidden key (see {@link forbiddenChartKeys}).
 */
export function toVegaLite(spec: ChartCellSpec, data: TableData, opts: { maxRows?: number } = {}): Record<string, unknown> {
  if (spec.raw) {
    const bad = forbiddenChartKeys(spec.raw);
    if (bad.length) throw new TypeError(`raw: "${bad[0]}" is not allowed in notebook charts (no network); put the data inline`);
    const raw = structuredClone(spec.raw);
    if (raw.data === undefined && raw.datasets === undefined) {
      const { values, totalRows } = rowsOf(data, [], opts.maxRows ?? CHART_ROWS_UNAGGREGATED);
      raw.data = { values };
      raw.usermeta = { ...(raw.usermeta as object | undefined), churnlab: { rows: values.length, totalRows } };
    }
    return raw;
  }
  const encoding: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const c of CHANNELS) {
    const e = spec[c];
    if (!e) continue;
    encoding[c] = encodingOf(e);
    if (e.aggregate !== 'count' && e.field && !fields.includes(e.field)) fields.push(e.field);
  }
  const maxRows = opts.maxRows ?? (isAggregated(spec) ? CHART_ROWS_AGGREGATED : CHART_ROWS_UNAGGREGATED);
  const { values, totalRows } = rowsOf(data, fields, maxRows);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(spec.title ? { title: spec.title } : {}),
    width: 'container',
    height: 260,
    data: { values },
    mark: spec.mark === 'boxplot' ? { type: 'boxplot' } : { type: spec.mark, tooltip: true },
    encoding,
    usermeta: { churnlab: { rows: values.length, totalRows } },
  };
}

/**
 * Problems that stop a chart cell from drawing, each naming the field (`x.field: …`), given the input's column
 * names. Empty when the spec can be drawn. A `raw` spec is only checked for being an object with a mark and for
 * forbidden keys.
 */
export function validateChartSpec(spec: ChartCellSpec, columns: string[]): string[] {
  const problems: string[] = [];
  if (!spec || typeof spec !== 'object') return ['spec: expected a chart spec object'];
  if (typeof spec.input !== 'string' || spec.input.trim() === '') problems.push('input: choose the table to chart');
  if (spec.raw !== undefined && spec.raw !== null) {
    if (typeof spec.raw !== 'object' || Array.isArray(spec.raw)) return [...problems, 'raw: expected a vega-lite spec object'];
    const r = spec.raw;
    if (!('mark' in r) && !['layer', 'hconcat', 'vconcat', 'concat', 'facet', 'repeat'].some((k) => k in r)) problems.push('raw: a vega-lite spec needs a "mark" (or layer/concat/facet/repeat)');
    for (const bad of forbiddenChartKeys(r)) problems.push(`raw.${bad}: not allowed in notebook charts (no network); put the data inline`);
    return problems;
  }
  if (!CHART_MARKS.includes(spec.mark)) problems.push(`mark: "${String(spec.mark)}" is not one of ${CHART_MARKS.join(', ')}`);
  if (!spec.x && !spec.y) problems.push('x: choose a field for x or y');
  for (const c of CHANNELS) {
    const e = spec[c];
    if (!e) continue;
    if (!ENCODING_TYPES.includes(e.type)) problems.push(`${c}.type: "${String(e.type)}" is not one of ${ENCODING_TYPES.join(', ')}`);
    if (e.aggregate !== undefined && !AGGREGATES.includes(e.aggregate)) problems.push(`${c}.aggregate: "${String(e.aggregate)}" is not one of ${AGGREGATES.join(', ')}`);
    if (e.aggregate === 'count') continue;
    if (!e.field) problems.push(`${c}.field: choose a column`);
    else if (!columns.includes(e.field)) problems.push(`${c}.field: column "${e.field}" is not in table "${spec.input}"`);
    if (e.bin && e.type !== 'quantitative') problems.push(`${c}.bin: only quantitative fields can be binned`);
    if (e.aggregate && e.aggregate !== 'min' && e.aggregate !== 'max' && e.type !== 'quantitative') problems.push(`${c}.aggregate: ${e.aggregate} needs a quantitative field`);
  }
  if (spec.mark === 'boxplot' && ![spec.x, spec.y].some((e) => e && e.type === 'quantitative' && !e.aggregate && !e.bin)) {
    problems.push('y.type: a boxplot needs one quantitative axis without aggregate or bin');
  }
  return problems;
}

// customer_id, customerID, userId, id_hash: keys, not categories worth charting.
const isIdLike = (name: string) => /(^|[_\s-])id$/i.test(name) || /[a-z0-9](Id|ID)$/.test(name) || /^id(_|$)/i.test(name);

/**
 * A first chart for a table from its column types: a date and a number → mean over time (line); a category and a
 * number → mean per category (bar); two numbers → scatter; one number → histogram; only categories → count per
 * category. Id-like columns are not used as categories.
 */
export function suggestChart(columns: { name: string; type: OutputColumnType }[], input: string): ChartCellSpec {
  const nums = columns.filter((c) => c.type === 'number' && !isIdLike(c.name));
  const cats = columns.filter((c) => (c.type === 'string' || c.type === 'boolean') && !isIdLike(c.name));
  const dates = columns.filter((c) => c.type === 'date');
  if (dates[0] && nums[0]) {
    return { input, mark: 'line', x: { field: dates[0].name, type: 'temporal' }, y: { field: nums[0].name, type: 'quantitative', aggregate: 'mean' } };
  }
  if (cats[0] && nums[0]) {
    return { input, mark: 'bar', x: { field: cats[0].name, type: 'nominal' }, y: { field: nums[0].name, type: 'quantitative', aggregate: 'mean' } };
  }
  if (nums[0] && nums[1]) return { input, mark: 'point', x: { field: nums[0].name, type: 'quantitative' }, y: { field: nums[1].name, type: 'quantitative' } };
  if (nums[0]) return { input, mark: 'bar', x: { field: nums[0].name, type: 'quantitative', bin: true }, y: { field: nums[0].name, type: 'quantitative', aggregate: 'count' } };
  if (cats[0]) return { input, mark: 'bar', x: { field: cats[0].name, type: 'nominal' }, y: { field: cats[0].name, type: 'quantitative', aggregate: 'count' } };
  return { input, mark: 'bar' };
}
