'use client';

import type { ReactNode } from 'react';
import type { Step } from '@/lib/features';
import { stepSummary } from './step-summary';

/** The ordered steps of a spec: type + summary, with edit / move / delete for editors. */
export function StepList({
  steps,
  canEdit,
  editingIndex,
  onEdit,
  onMove,
  onDelete,
  renderForm,
}: {
  steps: Step[];
  canEdit: boolean;
  editingIndex?: number;
  onEdit: (i: number) => void;
  onMove: (i: number, delta: -1 | 1) => void;
  onDelete: (i: number) => void;
  renderForm: (i: number) => ReactNode;
}) {
  if (steps.length === 0) {
    return (
      <ol data-testid="spec-steps" className="empty" style={{ margin: 0 }}>
        No steps yet{canEdit ? ': add one below.' : '.'}
      </ol>
    );
  }
  return (
    <ol data-testid="spec-steps" style={{ listStyle: 'none', padding: 0, margin: 0 }} className="stack">
      {steps.map((s, i) => (
        <li key={i} className="stack" style={{ gap: 6 }}>
          <div data-testid="step-row" data-type={s.type} className="row" style={{ justifyContent: 'space-between', border: '1px solid var(--line)', borderRadius: 6, padding: '6px 10px', background: editingIndex === i ? '#eaf0fd' : '#fff' }}>
            <div className="row" style={{ flexWrap: 'nowrap', minWidth: 0 }}>
              <span className="cell-index">{i + 1}.</span>
              <span className="badge">{s.type}</span>
              <code style={{ overflow: 'hidden', textOverflow: 'ellipsis' }} title={stepSummary(s)}>
                {stepSummary(s)}
              </code>
              {s.note && <span className="muted" style={{ fontSize: 12 }}>— {s.note}</span>}
            </div>
            {canEdit && (
              <div className="row" style={{ flexWrap: 'nowrap' }}>
                <button type="button" className="btn" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => onMove(i, -1)}>
                  ↑
                </button>
                <button type="button" className="btn" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => onMove(i, 1)}>
                  ↓
                </button>
                <button type="button" className="btn" data-testid="step-edit" onClick={() => onEdit(i)}>
                  Edit
                </button>
                <button type="button" className="btn btn-danger" data-testid="step-delete" aria-label={`Delete step ${i + 1}`} onClick={() => onDelete(i)}>
                  Delete
                </button>
              </div>
            )}
          </div>
          {renderForm(i)}
        </li>
      ))}
    </ol>
  );
}
