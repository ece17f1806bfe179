'use client';

import { useState, type FormEvent } from 'react';
import { ProgressBar } from '@/components/data/progress-bar';
import type { SnapshotDTO } from '@/components/data/types';
import { QUICK_MODEL_KINDS, type QuickModelKind } from '@/lib/ml/quick/types';
import { QuickModelResultView } from './quick-model-result';
import { useQuickModel } from './use-quick-model';

export interface QuickModelPanelProps {
  projectSlug: string;
  /** Snapshots with a target column, newest first (the Train cell's list). */
  snapshots: SnapshotDTO[];
  /** Preselects this family and snapshot in the server training form and brings it into view; absent for viewers. */
  onTrainOnServer?: (family: QuickModelKind, snapshotId: string) => void;
}

const DEFAULT_ROW_CAP = 20_000;
const MAX_ROW_CAP = 1_000_000;

/**
 * "Quick model in the browser": a first read of holdout AUC and importances on a sample of a snapshot, fitted in a
 * Web Worker with the same feature code and GBDT engine as the server (or a tfjs logistic regression). Creates no
 * job or run on the server.
 */
export function QuickModelPanel({ projectSlug, snapshots, onTrainOnServer }: QuickModelPanelProps) {
  const [chosen, setChosen] = useState(snapshots[0]?.id ?? '');
  const snapshot = snapshots.find((s) => s.id === chosen) ?? snapshots[0];
  const [kind, setKind] = useState<QuickModelKind>('gbdt');
  const [rowCapText, setRowCapText] = useState(String(DEFAULT_ROW_CAP));
  const [formError, setFormError] = useState<string | null>(null);
  const { state, run, cancel } = useQuickModel();
  const running = state.status === 'running';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (running) return;
    setFormError(null);
    const cap = Number(rowCapText.trim());
    if (!Number.isInteger(cap) || cap < 50 || cap > MAX_ROW_CAP) {
      return setFormError(`row cap must be a whole number from 50 to ${MAX_ROW_CAP.toLocaleString('en-US')}`);
    }
    if (!snapshot) return setFormError('choose a snapshot');
    void run({ projectSlug, snapshot, kind, rowCap: cap });
  }

  return (
    <section className="stack" style={{ gap: 8, border: '1px solid var(--line)', borderRadius: 6, padding: 10 }} data-testid="quick-model" aria-label="Quick model in the browser">
      <strong>Quick model in the browser</strong>
      <span className="muted" style={{ fontSize: 12 }}>A first read of AUC and the strongest features on a sample, in seconds, before any server job.</span>
      <form className="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }} onSubmit={submit}>
        <label>
          Snapshot
          <select data-testid="quick-snapshot" value={snapshot?.id ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={running}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>{s.name} ({s.rowCount.toLocaleString('en-US')} rows)</option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select data-testid="quick-kind" value={kind} onChange={(e) => setKind(e.target.value as QuickModelKind)} disabled={running}>
            {QUICK_MODEL_KINDS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        </label>
        <label>
          Row cap
          <input data-testid="quick-row-cap" value={rowCapText} inputMode="numeric" style={{ width: 100 }} onChange={(e) => setRowCapText(e.target.value)} disabled={running} />
        </label>
        {/* Two separate buttons, not one swapped in place: a submit button turned into Cancel under the pointer
            could submit the form again. */}
        <button type="submit" className="btn btn-primary" data-testid="quick-run" disabled={!snapshot || running}>
          {running ? 'Running…' : 'Run in the browser'}
        </button>
        {running && <button type="button" className="btn btn-danger" data-testid="quick-cancel" onClick={cancel}>Cancel</button>}
      </form>
      {formError && <div className="alert alert-error" role="alert" data-testid="quick-error">{formError}</div>}
      {state.status === 'running' && <ProgressBar value={state.fraction} label={state.message} testId="quick-progress" />}
      {state.status === 'cancelled' && <div className="muted" data-testid="quick-cancelled">Cancelled.</div>}
      {state.status === 'error' && <div className="alert alert-error" role="alert" data-testid="quick-error">{state.message}</div>}
      {state.status === 'done' && <QuickModelResultView result={state.result} sample={state.sample} onTrainOnServer={onTrainOnServer ? (f) => onTrainOnServer(f, state.sample.snapshotId) : undefined} />}
    </section>
  );
}
