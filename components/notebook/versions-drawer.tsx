'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotebookVersionMeta } from '@/lib/notebook/api';
import { formatChanges } from '@/lib/notebook/pipeline-diff';
import { notebookApi } from './notebook-api';
import styles from './notebook.module.css';

const when = (iso: string) => new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * The versions drawer: every saved version (newest first) with its kind, label, author, time, cell counts and
 * pipeline changes; editors restore a version (a new version) and name versions.
 */
export function VersionsDrawer({
  projectSlug,
  canEdit,
  currentVersion,
  onRestored,
  onSaveNamed,
  onClose,
}: {
  projectSlug: string;
  canEdit: boolean;
  currentVersion: number | null;
  onRestored(version: number): Promise<void>;
  onSaveNamed(label: string): Promise<string | null>;
  onClose(): void;
}) {
  const [versions, setVersions] = useState<NotebookVersionMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newLabel, setNewLabel] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);
  const api = notebookApi(projectSlug);

  const load = useCallback(async () => {
    const res = await notebookApi(projectSlug).versions();
    if (res.ok) setVersions(res.data.versions);
    else setError(res.error);
  }, [projectSlug]);

  useEffect(() => {
    void load();
    closeRef.current?.focus();
  }, [load, currentVersion]);

  async function restore(v: number) {
    setBusy(true);
    setError(null);
    const res = await api.restore(v);
    if (!res.ok) setError(res.error);
    else await onRestored(res.data.version);
    setBusy(false);
    await load();
  }

  async function label(v: number, text: string) {
    const res = await api.label(v, text.trim() || null);
    if (!res.ok) setError(res.error);
    await load();
  }

  return (
    <aside className={styles.drawer} role="dialog" aria-label="Notebook versions" data-testid="versions-drawer" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className={styles.drawerHead}>
        <strong>Versions</strong>
        <span className={styles.spacer} />
        <button ref={closeRef} type="button" className="btn" onClick={onClose}>Close</button>
      </div>
      <div className={styles.drawerBody}>
        {canEdit && (
          <form
            className="row"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!newLabel.trim()) return;
              const err = await onSaveNamed(newLabel.trim());
              if (err) setError(err);
              else setNewLabel('');
            }}
          >
            <input aria-label="New version label" placeholder="Name this version…" value={newLabel} onChange={(e) => setNewLabel(e.target.value)} style={{ flex: 1 }} />
            <button type="submit" className="btn" disabled={!newLabel.trim()}>Save version</button>
          </form>
        )}
        {error && <div className="alert alert-error">{error}</div>}
        {versions === null && <div className="muted">Loading…</div>}
        {versions?.length === 0 && <div className="muted">No saved version yet: the notebook is saved on its first change.</div>}
        {versions?.map((v) => (
          <div key={v.version} className={styles.version} data-testid={`version-${v.version}`}>
            <div className="row">
              <strong>v{v.version}</strong>
              <span className="badge">{v.kind}</span>
              {v.version === currentVersion && <span className="badge badge-passed">current</span>}
              {v.restoredFrom !== null && <span className="muted">from v{v.restoredFrom}</span>}
              <span className={styles.spacer} />
              {canEdit && v.version !== currentVersion && (
                <button type="button" className="btn" disabled={busy} onClick={() => void restore(v.version)}>Restore</button>
              )}
            </div>
            <div className={styles.meta}>
              {v.author ?? 'system'} · {when(v.updatedAt)} · {v.cells.markdown} markdown, {v.cells.code} code, {v.cells.chart} chart
            </div>
            {v.pipelineChanges.length > 0 && <div className={styles.meta}>pipeline: {formatChanges(v.pipelineChanges)}</div>}
            {canEdit ? (
              <input
                aria-label={`Label of v${v.version}`}
                defaultValue={v.label ?? ''}
                placeholder="label"
                onBlur={(e) => e.target.value !== (v.label ?? '') && void label(v.version, e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()}
              />
            ) : (
              v.label && <div>{v.label}</div>
            )}
          </div>
        ))}
      </div>
    </aside>
  );
}
