'use client';

import type { ColumnTable } from 'arquero';
import { useMemo, useState } from 'react';
import { groupSummary, numericValues } from '@/lib/data/explore/table-ops';
import { churnRateSpec, histogramBins, histogramSpec } from '@/lib/data/explore/vega-specs';
import type { ExploreColumn } from './explore-table';
import { VegaChart } from './vega-chart';

/** Two charts over the current view: a numeric histogram and (with a target) churn rate by categorical level. */
export function ChartsPanel({
  view,
  columns,
  levelColumns,
  target,
  positive,
  overallRate,
}: {
  view: ColumnTable;
  columns: ExploreColumn[];
  /** Columns typed categorical/boolean in the snapshot. */
  levelColumns: string[];
  target: string | null;
  positive: string | null;
  overallRate: number | null;
}) {
  const numeric = columns.filter((c) => c.numeric && c.name !== target).map((c) => c.name);
  const levels = levelColumns.filter((c) => c !== target);
  const [histCol, setHistCol] = useState(numeric[0] ?? '');
  const [levelCol, setLevelCol] = useState(levels[0] ?? '');

  const histSpec = useMemo(() => (histCol ? histogramSpec(histCol, histogramBins(numericValues(view, histCol), 30)) : null), [view, histCol]);
  const rateSpec = useMemo(() => {
    if (!target || !levelCol) return null;
    const s = groupSummary(view, levelCol, { target, positive, limit: 30 });
    return churnRateSpec(levelCol, s.rows.map((r) => ({ level: r.key, churnRate: r.churnRate, count: r.count })), overallRate);
  }, [view, levelCol, target, positive, overallRate]);

  return (
    <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))' }}>
      <div className="stack">
        <label>
          Histogram of
          <select data-testid="histogram-select" value={histCol} onChange={(e) => setHistCol(e.target.value)}>
            {numeric.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        {histSpec ? <VegaChart spec={histSpec} label={`Histogram of ${histCol}`} /> : <div className="empty">No numeric columns.</div>}
      </div>
      <div className="stack">
        <label>
          Churn rate by
          <select data-testid="churn-rate-select" value={levelCol} disabled={!target} onChange={(e) => setLevelCol(e.target.value)}>
            {levels.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        {rateSpec ? (
          <VegaChart spec={rateSpec} label={`Churn rate by ${levelCol}`} />
        ) : (
          <div className="empty">{target ? 'No categorical columns.' : 'This snapshot has no target column.'}</div>
        )}
      </div>
    </div>
  );
}
