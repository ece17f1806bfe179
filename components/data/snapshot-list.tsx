'use client';

import Link from 'next/link';
import { formatDate, formatInt, shortHash } from '@/lib/data/explore/format';
import type { SnapshotDTO } from './types';

function windowOf(s: SnapshotDTO): string {
  if (!s.windowStart && !s.windowEnd) return '—';
  return `${formatDate(s.windowStart)} → ${formatDate(s.windowEnd)}`;
}

/** The project's snapshots, newest first, each linking to its explore page. */
export function SnapshotList({ projectSlug, snapshots }: { projectSlug: string; snapshots: SnapshotDTO[] }) {
  if (snapshots.length === 0) {
    return (
      <div className="empty" data-testid="snapshot-list">
        <strong>No snapshots yet.</strong> Upload a CSV/Parquet file or ingest from a SQL source.
      </div>
    );
  }
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="snapshot-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Origin</th>
            <th>Window</th>
            <th>Rows × columns</th>
            <th>Hash</th>
            <th>Target</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <tr key={s.id} data-testid="snapshot-row" data-snapshot-id={s.id}>
              <td>
                <Link href={`/projects/${encodeURIComponent(projectSlug)}/data/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                {s.archivedAt && <span className="badge" style={{ marginLeft: 6 }}>archived</span>}
              </td>
              <td><span className="badge">{s.origin}</span></td>
              <td className="muted">{windowOf(s)}</td>
              <td>{formatInt(s.rowCount)} × {formatInt(s.columnCount)}</td>
              <td><code title={s.hash}>{shortHash(s.hash)}</code></td>
              <td>{s.targetColumn ? <>{s.targetColumn}{s.positiveValue !== null && <span className="muted"> = {s.positiveValue}</span>}</> : '—'}</td>
              <td className="muted" title={s.createdAt}>{formatDate(s.createdAt)}{s.createdBy ? ` · ${s.createdBy}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
