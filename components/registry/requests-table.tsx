'use client';

import { useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import type { ModelDetailDTO, PromotionRequestDTO } from '@/lib/api/dto';
import { formatTime, isMine, notifyModelsChanged, REQUEST_BADGE, type RegistryPermissions } from './format';

type Decision = 'approve' | 'reject' | 'withdraw';

/**
 * Promotion requests with their decisions. Open ones offer approve/reject to approvers (with an optional note)
 * and withdraw to the scientist who asked.
 */
export function RequestsTable({
  requests,
  perms,
  onChanged,
  showModel = false,
  emptyText = 'No promotion requests.',
}: {
  requests: PromotionRequestDTO[];
  perms: RegistryPermissions;
  onChanged: (detail?: ModelDetailDTO) => void;
  showModel?: boolean;
  emptyText?: string;
}) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(r: PromotionRequestDTO, decision: Decision) {
    setBusy(r.id);
    setError(null);
    const note = (notes[r.id] ?? '').trim();
    const res = await apiFetch<ModelDetailDTO>(`/api/models/requests/${encodeURIComponent(r.id)}`, {
      method: 'POST',
      body: { decision, ...(note ? { note } : {}) },
    });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    notifyModelsChanged(r.modelName);
    onChanged(res.data);
  }

  if (requests.length === 0) return <div className="empty" data-testid="requests-table" data-count={0}>{emptyText}</div>;
  return (
    <div className="stack" style={{ gap: 6 }}>
      {error && <div className="alert alert-error" role="alert" data-testid="request-error">{error}</div>}
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="requests-table" data-count={requests.length}>
          <thead>
            <tr>
              {showModel && <th>Model</th>}
              <th>Request</th>
              <th>Reason</th>
              <th>Requested</th>
              <th>Status</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => {
              const canDecide = r.status === 'open' && perms.canPromote;
              const canWithdraw = r.status === 'open' && isMine(r, perms.me);
              return (
                <tr key={r.id} data-testid="request-row" data-request-id={r.id} data-status={r.status} data-version={r.version}>
                  {showModel && <td><code>{r.modelName}</code></td>}
                  <td>v{r.version} → <strong>{r.alias}</strong></td>
                  <td style={{ maxWidth: 280 }}>{r.reason}</td>
                  <td className="muted" style={{ fontSize: 12 }}>{r.requestedBy ?? 'unknown'}<br />{formatTime(r.createdAt)}</td>
                  <td><span className={REQUEST_BADGE[r.status]} data-testid="request-status">{r.status}</span></td>
                  <td>
                    {r.status !== 'open' ? (
                      <span className="muted" style={{ fontSize: 12 }}>
                        {r.decidedBy ?? '—'} · {formatTime(r.decidedAt)}
                        {r.decisionNote && <><br /><span style={{ color: 'var(--ink)' }}>“{r.decisionNote}”</span></>}
                      </span>
                    ) : canDecide || canWithdraw ? (
                      <div className="row" style={{ gap: 6 }}>
                        {canDecide && (
                          <input
                            aria-label={`Decision note for v${r.version} → ${r.alias}`}
                            data-testid="request-note"
                            placeholder="note (optional)"
                            maxLength={2000}
                            value={notes[r.id] ?? ''}
                            onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))}
                            style={{ width: 160 }}
                          />
                        )}
                        {canDecide && <button type="button" className="btn btn-primary" data-testid="request-approve" disabled={busy === r.id} onClick={() => decide(r, 'approve')}>Approve</button>}
                        {canDecide && <button type="button" className="btn btn-danger" data-testid="request-reject" disabled={busy === r.id} onClick={() => decide(r, 'reject')}>Reject</button>}
                        {canWithdraw && <button type="button" className="btn" data-testid="request-withdraw" disabled={busy === r.id} onClick={() => decide(r, 'withdraw')}>Withdraw</button>}
                      </div>
                    ) : (
                      <span className="muted" style={{ fontSize: 12 }}>waiting for an approver</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
