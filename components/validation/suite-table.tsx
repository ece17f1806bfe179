'use client';

import type { SuiteExpectationDTO } from '@/lib/api/dto';
import type { PassRate } from '@/lib/validation';
import { kwargsSummary, pct, shortType } from './expectation-format';
import { KwargsEditor } from './kwargs-editor';

export interface SuiteTableProps {
  /** the suite being edited, in order */
  draft: SuiteExpectationDTO[];
  /** per expectation: why it is invalid, or null */
  errors: (string | null)[];
  /** per expectation: its pass rate on the loaded sample, or null (no sample, or invalid) */
  rates: (PassRate | null)[];
  /** the snapshot's columns (for the kwargs editor) */
  columns: string[];
  canEdit: boolean;
  /** the expectation whose kwargs are open for editing */
  editing: number | null;
  onEdit: (i: number | null) => void;
  onUpdate: (i: number, patch: Partial<SuiteExpectationDTO>) => void;
  onMove: (i: number, d: -1 | 1) => void;
  onRemove: (i: number) => void;
}

/** The Validate cell's expectation list: type, column, kwargs (editable), severity, on/off, live pass rate, reorder, delete. */
export function SuiteTable({ draft, errors, rates, columns, canEdit, editing, onEdit, onUpdate, onMove, onRemove }: SuiteTableProps) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="suite-list">
        <thead>
          <tr>
            <th>#</th>
            <th>Expectation</th>
            <th>Column</th>
            <th>Kwargs</th>
            <th>Severity</th>
            <th>On</th>
            <th>Pass rate (sample)</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {draft.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">No expectations yet: pick a column below and add suggestions.</td>
            </tr>
          )}
          {draft.map((e, i) => {
            const r = rates[i];
            const column = typeof e.kwargs.column === 'string' ? e.kwargs.column : '—';
            return (
              <tr key={i} data-testid="expectation-row" data-type={e.expectation_type} data-column={column} style={e.enabled ? undefined : { opacity: 0.55 }}>
                <td className="muted">{i + 1}</td>
                <td title={e.expectation_type}>
                  {shortType(e.expectation_type)}
                  {errors[i] && <div className="alert alert-error" style={{ marginTop: 4, fontSize: 12 }}>{errors[i]}</div>}
                  {editing === i && canEdit && (
                    <div style={{ marginTop: 6 }}>
                      <KwargsEditor expectation={e} columns={columns} onChange={(kwargs) => onUpdate(i, { kwargs })} />
                    </div>
                  )}
                </td>
                <td>{column}</td>
                <td><code>{kwargsSummary(e.kwargs)}</code></td>
                <td>
                  <select aria-label="severity" data-testid="severity" value={e.severity} disabled={!canEdit} onChange={(ev) => onUpdate(i, { severity: ev.target.value as 'error' | 'warning' })}>
                    <option value="error">error</option>
                    <option value="warning">warning</option>
                  </select>
                </td>
                <td>
                  <input type="checkbox" aria-label="enabled" data-testid="enabled" checked={e.enabled} disabled={!canEdit} onChange={(ev) => onUpdate(i, { enabled: ev.target.checked })} />
                </td>
                <td>{r ? <span className={r.success ? 'badge badge-passed' : 'badge badge-failed'}>{pct(r.rate)}</span> : <span className="muted">—</span>}</td>
                {canEdit && (
                  <td style={{ whiteSpace: 'nowrap' }}>
                    <button type="button" className="btn" onClick={() => onEdit(editing === i ? null : i)} data-testid="expectation-edit">{editing === i ? 'Done' : 'Edit'}</button>{' '}
                    <button type="button" className="btn" aria-label="move up" onClick={() => onMove(i, -1)} disabled={i === 0}>↑</button>{' '}
                    <button type="button" className="btn" aria-label="move down" onClick={() => onMove(i, 1)} disabled={i === draft.length - 1}>↓</button>{' '}
                    <button type="button" className="btn btn-danger" aria-label="delete" onClick={() => onRemove(i)} data-testid="expectation-delete">✕</button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
