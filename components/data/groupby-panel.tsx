'use client';

import type { ColumnTable } from 'arquero';
import { useMemo, useState } from 'react';
import { formatInt, formatNumber, formatPercent } from '@/lib/data/explore/format';
import { groupSummary } from '@/lib/data/explore/table-ops';
import type { ExploreColumn } from './explore-table';

/** Group-by summary over the current (filtered) view: count, churn rate (with a target), mean of a numeric column. */
export function GroupByPanel({
  view,
  columns,
  target,
  positive,
}: {
  view: ColumnTable;
  columns: ExploreColumn[];
  target: string | null;
  positive: string | null;
}) {
  const groupable = columns.filter((c) => c.name !== target);
  const [by, setBy] = useState(() => groupable.find((c) => !c.numeric)?.name ?? groupable[0]?.name ?? '');
  const [meanOf, setMeanOf] = useState(() => columns.find((c) => c.numeric && c.name !== target)?.name ?? '');
  const result = useMemo(() => {
    if (!by) return null;
    try {
      return { ok: true as const, summary: groupSummary(view, by, { target, positive, meanOf: meanOf || null }) };
    } catch (e) {
      return { ok: false as const, error: (e as Error).message };
    }
  }, [view, by, meanOf, target, positive]);

  return (
    <div className="stack">
      <div className="row">
        <label>
          Group by
          <select data-testid="groupby-select" value={by} onChange={(e) => setBy(e.target.value)}>
            {groupable.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        </label>
        <label>
          Mean of
          <select data-testid="groupby-mean-select" value={meanOf} onChange={(e) => setMeanOf(e.target.value)}>
            <option value="">(none)</option>
            {columns.filter((c) => c.numeric).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        </label>
      </div>
      {result && !result.ok && <div className="alert alert-error">{result.error}</div>}
      {result?.ok && (
        <div style={{ overflowX: 'auto', maxHeight: 360, overflowY: 'auto' }}>
          <table className="table" data-testid="groupby-table">
            <thead>
              <tr>
                <th>{by}{result.summary.binned ? ' (binned)' : ''}</th>
                <th>Rows</th>
                {target && <th>Churn rate</th>}
                {meanOf && <th>Mean {meanOf}</th>}
              </tr>
            </thead>
            <tbody>
              {result.summary.rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.key}</td>
                  <td>{formatInt(r.count)}</td>
                  {target && <td>{formatPercent(r.churnRate)}</td>}
                  {meanOf && <td>{formatNumber(r.mean)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {result.summary.omitted > 0 && <p className="muted">{formatInt(result.summary.omitted)} smaller groups not shown.</p>}
        </div>
      )}
    </div>
  );
}
