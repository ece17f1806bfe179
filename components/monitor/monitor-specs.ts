/** Vega-Lite specs of the Monitor cell (data inlined; rendered by VegaChart with the CSP-safe interpreter). */
import type { TopLevelSpec } from 'vega-lite';
import type { FeatureDriftDTO, SloSummaryDTO } from '@/lib/api/dto';

/** Reference vs current shares per bin/category of one feature (grouped bars). */
export function distributionSpec(f: FeatureDriftDTO): TopLevelSpec {
  const nr = f.distribution.reference.reduce((a, b) => a + b, 0) || 1;
  const nc = f.distribution.current.reduce((a, b) => a + b, 0) || 1;
  const values = f.distribution.labels.flatMap((label, i) => [
    { bin: label, order: i, sample: 'reference', share: f.distribution.reference[i] / nr },
    { bin: label, order: i, sample: 'current', share: f.distribution.current[i] / nc },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 160,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: { field: 'order' }, title: f.kind === 'numeric' ? `${f.name} (reference deciles)` : f.name, axis: { labelAngle: -30 } },
      xOffset: { field: 'sample' },
      y: { field: 'share', type: 'quantitative', axis: { format: '%' }, title: 'share of rows' },
      color: { field: 'sample', type: 'nominal', scale: { domain: ['reference', 'current'] } },
      tooltip: [{ field: 'bin' }, { field: 'sample' }, { field: 'share', format: '.1%' }],
    },
  };
}

/** Drift statistic per feature over the reports (oldest → newest), one line per feature. */
export function driftOverTimeSpec(points: { createdAt: string; feature: string; psi: number }[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 180,
    data: { values: points },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x: { field: 'createdAt', type: 'temporal', title: 'report' }, y: { field: 'psi', type: 'quantitative', title: 'PSI' }, color: { field: 'feature', type: 'nominal' }, tooltip: [{ field: 'feature' }, { field: 'psi', format: '.3f' }, { field: 'createdAt', type: 'temporal' }] } },
      { data: { values: [{ y: 0.1 }, { y: 0.2 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { field: 'y', type: 'quantitative' } } },
    ],
  };
}

/** Requests and 5xx errors per minute, and p95 latency per minute. */
export function trafficSpec(series: SloSummaryDTO['series']): TopLevelSpec {
  const values = series.flatMap((s) => [
    { minute: s.minute, metric: 'requests', value: s.requests },
    { minute: s.minute, metric: 'errors (5xx)', value: s.errors },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    vconcat: [
      { width: 'container', height: 140, data: { values }, mark: { type: 'line', interpolate: 'step-after' }, encoding: { x: { field: 'minute', type: 'temporal', title: null }, y: { field: 'value', type: 'quantitative', title: 'per minute' }, color: { field: 'metric', type: 'nominal' } } },
      { width: 'container', height: 120, data: { values: series.filter((s) => s.p95Ms !== null) }, mark: { type: 'line', point: true }, encoding: { x: { field: 'minute', type: 'temporal', title: 'minute' }, y: { field: 'p95Ms', type: 'quantitative', title: 'p95 latency (ms)' } } },
    ],
  };
}

/** Predictions served by probability decile (API traffic, summed over the window). */
export function decileSpec(deciles: SloSummaryDTO['deciles']): TopLevelSpec {
  const totals = new Array<number>(10).fill(0);
  for (const d of deciles) d.counts.forEach((c, i) => (totals[i] += c));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 140,
    data: { values: totals.map((count, i) => ({ decile: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, count })) },
    mark: 'bar',
    encoding: { x: { field: 'decile', type: 'ordinal', title: 'P(churn)' }, y: { field: 'count', type: 'quantitative', title: 'predictions (24 h)' }, tooltip: [{ field: 'decile' }, { field: 'count' }] },
  };
}

/** Reliability diagram of realized outcomes: mean predicted vs observed churn rate per bin, with the diagonal. */
export function calibrationSpec(bins: { meanPredicted: number; fractionPositive: number; count: number }[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 180,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      { data: { values: bins }, mark: { type: 'line', point: true }, encoding: { x: { field: 'meanPredicted', type: 'quantitative', title: 'mean predicted P(churn)', scale: { domain: [0, 1] } }, y: { field: 'fractionPositive', type: 'quantitative', title: 'observed churn rate', scale: { domain: [0, 1] } }, tooltip: [{ field: 'meanPredicted', format: '.3f' }, { field: 'fractionPositive', format: '.3f' }, { field: 'count' }] } },
    ],
  };
}

/**
 * Realized ROC AUC per scoring batch over time (one point per batch: its latest outcomes), with the version's
 * training (holdout) AUC as a dashed reference; tooltips carry the matched customers and precision/recall.
 */
export function realizedOverTimeSpec(rows: { batchDate: string; modelName: string; modelVersion: number; rocAuc: number | null; trainingAuc: number | null; matched: number; precision: number; recall: number }[]): TopLevelSpec {
  const values = rows.flatMap((r) => [
    ...(r.rocAuc === null ? [] : [{ batchDate: r.batchDate, series: 'realized', auc: r.rocAuc, model: `${r.modelName} v${r.modelVersion}`, matched: r.matched, precision: r.precision, recall: r.recall }]),
    ...(r.trainingAuc === null ? [] : [{ batchDate: r.batchDate, series: 'training (holdout)', auc: r.trainingAuc, model: `${r.modelName} v${r.modelVersion}`, matched: r.matched, precision: r.precision, recall: r.recall }]),
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 180,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'batchDate', type: 'temporal', title: 'scoring batch' },
      y: { field: 'auc', type: 'quantitative', title: 'ROC AUC', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', scale: { domain: ['realized', 'training (holdout)'] }, title: null },
      strokeDash: { field: 'series', type: 'nominal', scale: { domain: ['realized', 'training (holdout)'], range: [[1, 0], [4, 4]] }, legend: null },
      tooltip: [{ field: 'batchDate', title: 'batch' }, { field: 'model' }, { field: 'series' }, { field: 'auc', format: '.3f' }, { field: 'matched' }, { field: 'precision', format: '.3f' }, { field: 'recall', format: '.3f' }],
    },
  };
}
