import type { TopLevelSpec } from 'vega-lite';
import { binEdges, binIndex } from './table-ops';

/**
 * Vega-Lite specs for the explorer. Data is aggregated here (bins, rates) so the chart gets a few dozen rows
 * instead of 100k, and specs use no `calculate`/`filter` expressions: the chart is rendered with vega's AST
 * interpreter (CSP: no eval), which handles them, but plain encodings are cheaper and simpler to test.
 */

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

/** Equal-width histogram of the finite values: `bins` bins from min to max (the last closed); [] when empty. */
export function histogramBins(values: ArrayLike<number>, bins = 30): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [];
  if (hi === lo) {
    let n = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
    return [{ x0: lo, x1: lo + 1, count: n }];
  }
  const edges = binEdges(lo, hi, bins);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) counts[binIndex(v, lo, hi, bins)]++;
  }
  return counts.map((count, b) => ({ x0: edges[b], x1: edges[b + 1], count }));
}

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  height: 220,
} as const;

/** A histogram: one bar per bin, x = value range, y = row count. */
export function histogramSpec(column: string, bins: readonly HistogramBin[]): TopLevelSpec {
  return {
    ...BASE,
    title: `Distribution of ${column}`,
    data: { values: bins.map((b) => ({ ...b })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: column },
      x2: { field: 'x1' },
      y: { field: 'count', type: 'quantitative', title: 'rows' },
    },
  };
}

export interface LevelRate {
  level: string;
  churnRate: number | null;
  count: number;
}

/** Churn rate by level: horizontal bars sorted by rate, with the overall rate as a rule when given. */
export function churnRateSpec(column: string, levels: readonly LevelRate[], overallRate: number | null = null): TopLevelSpec {
  const values = levels.filter((l) => l.churnRate !== null).map((l) => ({ level: l.level, churnRate: l.churnRate, count: l.count }));
  const bars = {
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      y: { field: 'level', type: 'nominal' as const, sort: '-x' as const, title: column },
      x: { field: 'churnRate', type: 'quantitative' as const, axis: { format: '.0%' }, title: 'churn rate' },
    },
  };
  if (overallRate === null) {
    return { ...BASE, height: { step: 18 }, title: `Churn rate by ${column}`, data: { values }, ...bars };
  }
  return {
    ...BASE,
    height: { step: 18 },
    title: `Churn rate by ${column}`,
    data: { values },
    layer: [
      bars,
      {
        data: { values: [{ overall: overallRate }] },
        mark: { type: 'rule', color: '#cf222e', strokeDash: [4, 3] },
        encoding: { x: { field: 'overall', type: 'quantitative' } },
      },
    ],
  };
}
