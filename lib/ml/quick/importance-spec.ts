/** Vega-Lite bars for the quick model's importances; LR bars are coloured by the coefficient's sign. */
import type { TopLevelSpec } from 'vega-lite';
import type { QuickImportance } from './types';

/**
 * Horizontal bars, largest first. `signed` adds a colour per direction ("raises churn" / "lowers churn").
 * No expressions (the chart is rendered with vega's AST interpreter under the CSP).
 */
export function quickImportanceSpec(rows: readonly QuickImportance[], label: string, signed: boolean): TopLevelSpec {
  const values = rows.map((r) => ({ feature: r.feature, value: r.value, effect: r.sign > 0 ? 'raises churn' : 'lowers churn' }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: { step: 18 },
    title: `Top ${rows.length} features (${label})`,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'value', type: 'quantitative', title: label },
      ...(signed
        ? { color: { field: 'effect', type: 'nominal', title: 'effect', scale: { domain: ['raises churn', 'lowers churn'], range: ['#d62728', '#1f77b4'] } } }
        : {}),
    },
  };
}
