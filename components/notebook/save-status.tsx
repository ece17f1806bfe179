'use client';

import type { SaveStatus } from './use-autosave';
import styles from './notebook.module.css';

/** "Saved · v12" / "Saving…" / "Conflict: v13 by x@y — reload", or why the notebook is not being saved. */
export function SaveStatusLine({ canEdit, status, version, problems }: { canEdit: boolean; status: SaveStatus; version: number | null; problems: string[] }) {
  if (!canEdit) return <span className={styles.status} data-testid="save-status">Read-only{version ? ` · v${version}` : ''}</span>;
  if (problems.length) {
    return (
      <span className={`${styles.status} ${styles.statusConflict}`} data-testid="save-status" title={problems.join('\n')}>
        Not saved: {problems[0]}
      </span>
    );
  }
  switch (status.state) {
    case 'saved':
      return <span className={styles.status} data-testid="save-status">{version ? `Saved · v${version}` : 'No changes yet'}</span>;
    case 'dirty':
      return <span className={styles.status} data-testid="save-status">Unsaved changes…</span>;
    case 'saving':
      return <span className={styles.status} data-testid="save-status">Saving…</span>;
    case 'error':
      return <span className={`${styles.status} ${styles.statusConflict}`} data-testid="save-status" role="alert">Not saved: {status.message}</span>;
    case 'conflict':
      return (
        <span className={`${styles.status} ${styles.statusConflict}`} data-testid="save-status" role="alert">
          Conflict: v{status.conflict.latestVersion}
          {status.conflict.author ? ` by ${status.conflict.author}` : ''} —{' '}
          <button type="button" className="btn" onClick={() => window.location.reload()}>Reload</button>
        </span>
      );
  }
}
