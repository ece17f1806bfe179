import type { ModelTransitionDTO } from '@/lib/api/dto';
import { actionLabel, formatTime, transitionChange } from './format';

/** The audited registry transitions of a model (or one version): who, when, from → to, why. Newest first. */
export function AuditTrail({ transitions, emptyText = 'No transitions yet.' }: { transitions: ModelTransitionDTO[]; emptyText?: string }) {
  if (transitions.length === 0) return <div className="empty" data-testid="audit-trail" data-count={0}>{emptyText}</div>;
  const rows = [...transitions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="audit-trail" data-count={rows.length}>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>From → to</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} data-testid="transition-row" data-action={t.action} data-alias={t.alias ?? ''} data-from={t.fromVersion ?? ''} data-to={t.toVersion ?? ''}>
              <td className="muted" style={{ whiteSpace: 'nowrap' }} title={t.createdAt}>{formatTime(t.createdAt)}</td>
              <td>{t.actor ?? <span className="muted">system</span>}</td>
              <td>{actionLabel(t.action)}</td>
              <td style={{ whiteSpace: 'nowrap' }}><code>{transitionChange(t)}</code></td>
              <td style={{ maxWidth: 360 }}>{t.reason || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
