'use client';

import { useState, type FormEvent } from 'react';
import type { GateDTO } from '@/lib/api/dto';
import { apiFetch } from '@/components/ui/api-fetch';

const MIN_REASON = 10;

/**
 * The training gate of the selected snapshot: "Training blocked: …", "Passed", "Overridden by …", and for
 * approvers a form to record an override with a reason (audited on the server).
 */
export function GateBanner({ gate, canOverride, onChanged }: { gate: GateDTO | null; canOverride: boolean; onChanged: (g: GateDTO) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!gate) return <div className="alert alert-info" data-testid="gate-banner" data-state="loading">Checking the training gate…</div>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await apiFetch<{ gate: GateDTO }>(`/api/snapshots/${encodeURIComponent(gate.snapshotId)}/override`, { method: 'POST', body: { reason } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setReason('');
    onChanged(res.data.gate);
  };

  const cls = gate.state === 'failed' || gate.state === 'not_validated' ? 'alert alert-error' : gate.state === 'overridden' ? 'alert alert-info' : 'alert alert-ok';
  let text: string;
  if (gate.state === 'passed') text = `Passed: training allowed (${gate.reason}).`;
  else if (gate.state === 'overridden') text = `Overridden by ${gate.override?.approver ?? 'an approver'}: “${gate.override?.reason ?? ''}”. Training allowed.`;
  else if (gate.state === 'no_suite') text = `No expectation suite: training is not gated (${gate.reason}).`;
  else text = `Training blocked: ${gate.reason}`;

  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className={cls} role="status" data-testid="gate-banner" data-state={gate.state} data-allowed={String(gate.allowed)}>
        {text}
      </div>
      {canOverride && gate.state === 'failed' && (
        <form className="row" onSubmit={submit} style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <label style={{ display: 'grid', gap: 2, flex: 1, minWidth: 260 }}>
            Override reason <span className="muted">(approvers; at least {MIN_REASON} characters, audited)</span>
            <input data-testid="override-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
          </label>
          <button type="submit" className="btn btn-danger" data-testid="override-submit" disabled={busy || reason.trim().length < MIN_REASON}>
            Record override
          </button>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
        </form>
      )}
    </div>
  );
}
