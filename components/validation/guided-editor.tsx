'use client';

import { useMemo, useState } from 'react';
import type { SuiteExpectationDTO } from '@/lib/api/dto';
import type { TableLike } from '@/lib/data/table';
import { passRate, suggestExpectations, type Expectation } from '@/lib/validation';
import { kwargsSummary, pct, shortType } from './expectation-format';

export interface LoadedSample {
  table: TableLike;
  /** Rows in the sample (≤ 20 000) and in the whole snapshot. */
  rows: number;
  totalRows: number;
}

interface Suggestion {
  expectation: Expectation;
  rate: number | null;
  success: boolean;
}

/**
 * The guided editor: pick a column of the loaded sample → the expectations `suggestExpectations` proposes from
 * its profile (type, null rate, observed range with a margin, observed levels), each with its live pass rate
 * on the sample, and an Add button. `onPick` asks the parent to load the sample when it is not loaded yet.
 */
export function GuidedEditor({
  columns,
  sample,
  loading,
  onPick,
  onAdd,
}: {
  columns: string[];
  sample: LoadedSample | null;
  loading: boolean;
  onPick: () => void;
  onAdd: (e: SuiteExpectationDTO) => void;
}) {
  const [column, setColumn] = useState('');
  const suggestions = useMemo<Suggestion[] | { error: string }>(() => {
    if (!sample || !column) return [];
    try {
      return suggestExpectations(sample.table, column).map((e) => {
        const r = passRate(sample.table, e);
        return { expectation: e, rate: r.rate, success: r.success };
      });
    } catch (err) {
      return { error: (err as Error).message };
    }
  }, [sample, column]);

  return (
    <div className="card stack" style={{ gap: 8 }} data-testid="guided-editor">
      <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <label style={{ display: 'grid', gap: 2 }}>
          Suggest expectations for column
          <select
            data-testid="column-pick"
            value={column}
            onChange={(e) => {
              setColumn(e.target.value);
              if (!sample) onPick();
            }}
          >
            <option value="">— pick a column —</option>
            {columns.map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </select>
        </label>
        {sample && (
          <span className="muted" data-testid="sample-info">
            live preview on {sample.rows.toLocaleString('en-US')} of {sample.totalRows.toLocaleString('en-US')} rows
          </span>
        )}
        {loading && <span className="muted">loading the snapshot…</span>}
      </div>
      {'error' in suggestions ? (
        <div className="alert alert-error">{suggestions.error}</div>
      ) : (
        column &&
        sample && (
          <table className="table">
            <thead>
              <tr>
                <th>Suggestion</th>
                <th>Kwargs</th>
                <th>Why</th>
                <th>Pass rate (sample)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {suggestions.map((s, i) => (
                <tr key={i} data-testid="suggestion" data-type={s.expectation.expectation_type}>
                  <td title={s.expectation.expectation_type}>{shortType(s.expectation.expectation_type)}</td>
                  <td><code>{kwargsSummary(s.expectation.kwargs as Record<string, unknown>)}</code></td>
                  <td className="muted">{String(s.expectation.meta.rationale ?? '')}</td>
                  <td>
                    <span className={s.success ? 'badge badge-passed' : 'badge badge-failed'}>{pct(s.rate)}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn"
                      data-testid="suggestion-add"
                      onClick={() => onAdd({ ...(s.expectation as SuiteExpectationDTO), kwargs: { ...s.expectation.kwargs }, meta: { ...s.expectation.meta } })}
                    >
                      Add
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </div>
  );
}
