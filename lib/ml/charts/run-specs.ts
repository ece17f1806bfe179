/**
 * Vega-Lite specs for the training views (loss curve, ROC, PR, calibration, importance). Pure: data in, spec out.
 * Curves are passed as long-format rows with an explicit `order` so lines follow the curve, not the x axis; no
 * `calculate`/`filter` expressions (rendered with vega's AST interpreter under the CSP).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationPoint, ImportanceRow, LossPoint } from './run-view';

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 'container',
  height: 260,
} as const;

const UNIT = { scale: { domain: [0, 1] as number[] } };

/** Train and validation loss against iteration (validation only where it was measured). */
export function lossSpec(points: readonly LossPoint[]): TopLevelSpec {
  const values: { iteration: number; loss: number; series: string }[] = [];
  for (const p of points) {
    values.push({ iteration: p.iteration, loss: p.train, series: 'train' });
    if (p.validation !== null) values.push({ iteration: p.iteration, loss: p.validation, series: 'validation' });
  }
  return {
    ...BASE,
    height: 220,
    title: 'Loss',
    data: { values },
    mark: { type: 'line', tooltip: true, point: values.length <= 40 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative', title: 'iteration' },
      y: { field: 'loss', type: 'quantitative', title: 'log loss', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['train', 'validation'] } },
    },
  };
}

export interface CurveSeries {
  /** Legend label (run name); unique per series. */
  run: string;
  x: readonly number[];
  y: readonly number[];
}

function curveValues(series: readonly CurveSeries[]) {
  const values: { run: string; x: number; y: number; order: number }[] = [];
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i])) values.push({ run: s.run, x: s.x[i], y: s.y[i], order: i });
  }
  return values;
}

function curveSpec(title: string, xTitle: string, yTitle: string, series: readonly CurveSeries[], reference: { x: number; y: number }[] | null): TopLevelSpec {
  const many = series.length > 1;
  const line = {
    data: { values: curveValues(series) },
    mark: { type: 'line' as const, tooltip: true, interpolate: 'linear' as const },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: xTitle, ...UNIT },
      y: { field: 'y', type: 'quantitative' as const, title: yTitle, ...UNIT },
      order: { field: 'order', type: 'quantitative' as const },
      ...(many ? { color: { field: 'run', type: 'nominal' as const, title: 'run', scale: { domain: series.map((s) => s.run) } } } : {}),
    },
  };
  if (!reference) return { ...BASE, title, ...line };
  return {
    ...BASE,
    title,
    layer: [
      {
        data: { values: reference },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      line,
    ],
  };
}

/** ROC curves (one colour per series) over the chance diagonal. */
export function rocSpec(series: readonly CurveSeries[]): TopLevelSpec {
  return curveSpec('ROC curve', 'false positive rate', 'true positive rate', series, [{ x: 0, y: 0 }, { x: 1, y: 1 }]);
}

/** Precision–recall curves (x = recall, y = precision), with the positive rate as the no-skill line when given. */
export function prSpec(series: readonly CurveSeries[], prevalence: number | null = null): TopLevelSpec {
  const ref = prevalence === null ? null : [{ x: 0, y: prevalence }, { x: 1, y: prevalence }];
  return curveSpec('Precision–recall curve', 'recall', 'precision', series, ref);
}

/** Reliability diagram: fraction positive against mean predicted probability per bin, over the diagonal. */
export function calibrationSpec(bins: readonly CalibrationPoint[]): TopLevelSpec {
  return {
    ...BASE,
    title: 'Calibration',
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: bins.map((b) => ({ ...b })) },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: { field: 'meanPredicted', type: 'quantitative', title: 'mean predicted probability', ...UNIT },
          y: { field: 'fractionPositive', type: 'quantitative', title: 'fraction positive', ...UNIT },
        },
      },
    ],
  };
}

/** Horizontal bars of the `top` most important features, largest first. */
export function importanceSpec(rows: readonly ImportanceRow[], label: string, top = 20, title = `Feature importance (${label})`): TopLevelSpec {
  const values = [...rows]
    .sort((a, b) => b.value - a.value)
    .slice(0, top)
    .map((r) => ({ feature: r.feature, value: r.value }));
  return {
    ...BASE,
    height: { step: 16 },
    title,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'value', type: 'quantitative', title: label },
    },
  };
}
