/** Vega-Lite specs of the dashboards (rendered by VegaChart: interpreter, no eval, strict CSP). */
import type { TopLevelSpec } from 'vega-lite';

const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 'container', height: 220 } as const;

export function histogramSpec(bins: { lo: number; hi: number; count: number }[], threshold: number): TopLevelSpec {
  return {
    ...base,
    layer: [
      {
        data: { values: bins.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count })) },
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'lo', type: 'quantitative', bin: { binned: true, step: 0.1 }, title: 'P(churn)', scale: { domain: [0, 1] } },
          x2: { field: 'hi' },
          y: { field: 'count', type: 'quantitative', title: 'customers' },
          tooltip: [{ field: 'lo', title: 'from' }, { field: 'hi', title: 'to' }, { field: 'count', title: 'customers' }],
        },
      },
      { data: { values: [{ t: threshold }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [4, 3] }, encoding: { x: { field: 't', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

export function trendSpec(points: { batchDate: string; value: number | null }[], title: string, format: string): TopLevelSpec {
  return {
    ...base,
    height: 150,
    data: { values: points.filter((p) => p.value !== null) },
    mark: { type: 'line', point: true, color: '#4c78a8' },
    encoding: {
      x: { field: 'batchDate', type: 'ordinal', title: 'batch date' },
      y: { field: 'value', type: 'quantitative', title, axis: { format } },
      tooltip: [{ field: 'batchDate', title: 'batch date' }, { field: 'value', title, format }],
    },
  } as TopLevelSpec;
}

/** Horizontal bars per segment; each bar links to that segment's customers. */
export function segmentSpec(rows: { segment: string; meanProbability: number; revenueAtRisk: number; customers: number; href: string }[], metric: 'meanProbability' | 'revenueAtRisk'): TopLevelSpec {
  return {
    ...base,
    height: { step: 26 },
    data: { values: rows },
    mark: { type: 'bar', color: metric === 'meanProbability' ? '#e45756' : '#f58518', cursor: 'pointer' },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: null, title: null },
      x: { field: metric, type: 'quantitative', title: metric === 'meanProbability' ? 'mean P(churn)' : 'revenue at risk', ...(metric === 'meanProbability' ? { axis: { format: '.0%' } } : {}) },
      href: { field: 'href' },
      tooltip: [{ field: 'segment' }, { field: 'customers' }, { field: 'meanProbability', format: '.3f', title: 'mean P(churn)' }, { field: 'revenueAtRisk', format: ',.0f', title: 'revenue at risk' }],
    },
  } as TopLevelSpec;
}

export function profitSpec(curve: { threshold: number; profit: number; contacted: number }[], best: number | null): TopLevelSpec {
  return {
    ...base,
    layer: [
      {
        data: { values: curve },
        mark: { type: 'line', color: '#4c78a8' },
        encoding: {
          x: { field: 'threshold', type: 'quantitative', title: 'contact everyone with P(churn) ≥', scale: { domain: [0, 1] } },
          y: { field: 'profit', type: 'quantitative', title: 'expected profit' },
          tooltip: [{ field: 'threshold', format: '.3f' }, { field: 'contacted' }, { field: 'profit', format: ',.0f' }],
        },
      },
      ...(best === null ? [] : [{ data: { values: [{ t: best }] }, mark: { type: 'rule' as const, color: '#d62728', strokeDash: [4, 3] }, encoding: { x: { field: 't', type: 'quantitative' as const } } }]),
    ],
  } as TopLevelSpec;
}
