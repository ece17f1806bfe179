'use client';

import type { AlertDTO } from '@/lib/api/dto';

export type AlertAction = { action: 'acknowledge' | 'resolve' } | { action: 'silence'; minutes: number };

export interface AlertInboxProps {
  alerts: AlertDTO[];
  canEdit: boolean;
  /** the clock silences are compared against (advanced by the cell whenever the inbox changes: render stays pure) */
  now: number;
  onAction: (id: string, body: AlertAction) => void;
  onRefresh: () => void;
}

/** The in-app alert inbox: severity, title, status (and silence), occurrences, webhook delivery; acknowledge / silence / resolve. */
export function AlertInbox({ alerts, canEdit, now, onAction, onRefresh }: AlertInboxProps) {
  return (
    <section className="card stack" aria-labelledby="alerts-h">
      <div className="row">
        <h3 id="alerts-h">Alerts</h3>
        <button className="btn" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      {alerts.length === 0 && <p className="muted">No alerts.</p>}
      {alerts.length > 0 && (
        <table className="table" aria-label="alert inbox">
          <thead>
            <tr>
              <th>severity</th>
              <th>alert</th>
              <th>status</th>
              <th>seen</th>
              <th>webhook</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const silenced = a.silencedUntil && new Date(a.silencedUntil).getTime() > now;
              return (
                <tr key={a.id}>
                  <td>
                    <span className={`badge ${a.severity === 'critical' ? 'badge-failed' : a.severity === 'warning' ? 'badge-stale' : ''}`}>{a.severity}</span>
                  </td>
                  <td>
                    {a.title}
                    <div className="muted">{new Date(a.updatedAt).toLocaleString()}</div>
                  </td>
                  <td>
                    {a.status}
                    {silenced && <div className="muted">silenced until {new Date(a.silencedUntil!).toLocaleTimeString()}</div>}
                  </td>
                  <td>{a.occurrences}×</td>
                  <td title={a.lastDeliveryError ?? undefined}>
                    {a.delivery}
                    {a.deliveryTries > 0 && ` (${a.deliveryTries} tries)`}
                  </td>
                  <td>
                    {canEdit && a.status === 'open' && (
                      <button className="btn" onClick={() => onAction(a.id, { action: 'acknowledge' })}>
                        Acknowledge
                      </button>
                    )}
                    {canEdit && a.status !== 'resolved' && (
                      <button className="btn" onClick={() => onAction(a.id, silenced ? { action: 'silence', minutes: 0 } : { action: 'silence', minutes: 60 })}>
                        {silenced ? 'Unsilence' : 'Silence 1 h'}
                      </button>
                    )}
                    {canEdit && a.status !== 'resolved' && (
                      <button className="btn" onClick={() => onAction(a.id, { action: 'resolve' })}>
                        Resolve
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
