'use client';

import Link from 'next/link';
import type { ModelDetailDTO, RegisteredModelDTO } from '@/lib/api/dto';
import { ALIAS_BADGE, formatTime, runHref, versionHref, versionMetrics, type RegistryPermissions } from './format';
import { VersionActions } from './version-actions';

/** A registered model's versions, newest first: aliases, metrics, threshold, run, who registered it, actions. */
export function VersionsTable({
  projectSlug,
  model,
  perms,
  onChanged,
  limit,
}: {
  projectSlug: string;
  model: RegisteredModelDTO;
  perms: RegistryPermissions;
  onChanged: (detail?: ModelDetailDTO) => void;
  /** Show only the newest `limit` versions plus any version holding an alias. */
  limit?: number;
}) {
  const shown = limit ? model.versions.filter((v, i) => i < limit || v.aliases.length > 0) : model.versions;
  const hidden = model.versions.length - shown.length;
  const withActions = perms.canRegister || perms.canPromote;
  if (model.versions.length === 0) return <div className="empty">No versions yet.</div>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="versions-table" data-model={model.name}>
        <thead>
          <tr>
            <th>Version</th>
            <th>Aliases</th>
            <th>ROC AUC</th>
            <th>F1</th>
            <th>Threshold</th>
            <th>Run</th>
            <th>Registered</th>
            {withActions && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => {
            const m = versionMetrics(v);
            return (
              <tr key={v.id} data-testid="version-row" data-version={v.version} data-aliases={v.aliases.join(',')}>
                <td>
                  <Link href={versionHref(projectSlug, model.name, v.version)} data-testid="version-link">v{v.version}</Link>
                </td>
                <td>
                  {v.aliases.length === 0 ? <span className="muted">—</span> : v.aliases.map((a) => <span key={a} className={ALIAS_BADGE[a]} data-testid={`alias-${a}`} style={{ marginRight: 4 }}>{a}</span>)}
                </td>
                <td style={{ fontVariantNumeric: 'tabular-nums' }} data-metric="rocAuc">{m.rocAuc}</td>
                <td style={{ fontVariantNumeric: 'tabular-nums' }} data-metric="f1">{m.f1}</td>
                <td style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="version-threshold">{v.threshold.toFixed(3)}</td>
                <td>
                  <Link href={runHref(projectSlug, v.runId)}>{v.runName}</Link> <span className="badge">{v.family}</span>
                </td>
                <td className="muted" style={{ fontSize: 12 }}>
                  {v.registeredBy ?? 'unknown'}
                  <br />
                  {formatTime(v.createdAt)}
                  {v.note && <div title="note" style={{ color: 'var(--ink)' }}>“{v.note}”</div>}
                </td>
                {withActions && (
                  <td>
                    <VersionActions modelName={model.name} version={v} perms={perms} onChanged={onChanged} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {hidden > 0 && <p className="muted" style={{ margin: '6px 0 0' }}>{hidden} older version{hidden === 1 ? '' : 's'} on the model page.</p>}
    </div>
  );
}
