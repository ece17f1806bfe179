'use client';

import { formatInt, formatNumber, formatPercent } from '@/lib/data/explore/format';
import type { ProfileRow } from '@/lib/data/explore/profile-view';

function fmt(v: number | string | null): string {
  return typeof v === 'string' ? v.slice(0, 19) : formatNumber(v);
}

/** Per-column profile: type, missing %, distinct, min/max/mean, univariate AUC against the target. */
export function ProfilePanel({ rows, source }: { rows: ProfileRow[]; source: 'server' | 'browser' }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="profile-table" data-source={source}>
        <thead>
          <tr>
            <th>Column</th><th>Type</th><th>Missing</th><th>Distinct</th><th>Min</th><th>Max</th><th>Mean</th>
            <th title="Univariate ROC AUC of the column against the target (0.5 = no signal)">AUC</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-column={r.name}>
              <td>{r.name}</td>
              <td><span className="badge">{r.type}</span></td>
              <td>{formatPercent(r.missingRate)}</td>
              <td>{formatInt(r.distinct)}</td>
              <td>{fmt(r.min)}</td>
              <td>{fmt(r.max)}</td>
              <td>{formatNumber(r.mean)}</td>
              <td>{r.auc === null ? '—' : r.auc.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
