'use client';

import type { KeyboardEvent } from 'react';
import type { CodeCell } from '@/lib/notebook/doc';
import { CellErrorView, CellLogs, CellOutputView } from './sandbox/cell-output';
import type { CellRun } from './use-runner';
import styles from './notebook.module.css';

const INDENT = '  ';

/** Tab / Shift+Tab indent in the editor instead of leaving it (Esc then Tab leaves, for keyboard users). */
function onEditorKey(e: KeyboardEvent<HTMLTextAreaElement>, setSource: (s: string) => void) {
  if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey) return;
  const ta = e.currentTarget;
  if (ta.dataset.escaped === 'true') return;
  e.preventDefault();
  const { selectionStart: a, selectionEnd: b, value } = ta;
  if (e.shiftKey) {
    const lineStart = value.lastIndexOf('\n', a - 1) + 1;
    if (value.startsWith(INDENT, lineStart)) {
      setSource(value.slice(0, lineStart) + value.slice(lineStart + INDENT.length));
      requestAnimationFrame(() => ta.setSelectionRange(Math.max(lineStart, a - INDENT.length), Math.max(lineStart, b - INDENT.length)));
    }
    return;
  }
  setSource(value.slice(0, a) + INDENT + value.slice(b));
  requestAnimationFrame(() => ta.setSelectionRange(a + INDENT.length, a + INDENT.length));
}

/**
 * A code cell: name, source editor (monospace; Tab indents; Shift+Enter or Ctrl/Cmd+Enter runs), Run/Stop,
 * and the last run's output, logs, error and time.
 */
export function CodeCellBody({
  cell,
  canEdit,
  run,
  running,
  queued,
  snapshots,
  nameError,
  onChange,
  onRun,
  onStop,
}: {
  cell: CodeCell;
  canEdit: boolean;
  run: CellRun | undefined;
  running: boolean;
  queued: boolean;
  snapshots: { id: string; name: string }[];
  nameError: string | null;
  onChange(patch: Partial<Pick<CodeCell, 'name' | 'source' | 'snapshotId'>>): void;
  onRun(): void;
  onStop(): void;
}) {
  const r = run?.result;
  return (
    <div className="stack" data-testid="code-cell">
      <div className="row">
        <label className="row" style={{ gap: 4 }}>
          <span className="muted">name</span>
          <input
            className={styles.nameInput}
            aria-label="Cell name"
            value={cell.name}
            readOnly={!canEdit}
            onChange={(e) => onChange({ name: e.target.value.replace(/\s/g, '_') })}
            aria-invalid={nameError ? true : undefined}
          />
        </label>
        {snapshots.length > 1 && (
          <label className="row" style={{ gap: 4 }}>
            <span className="muted">snapshot</span>
            <select
              aria-label="Snapshot the cell reads"
              value={cell.snapshotId ?? ''}
              disabled={!canEdit}
              onChange={(e) => onChange({ snapshotId: e.target.value || undefined })}
            >
              <option value="">latest</option>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
        <span className={styles.spacer} />
        {running ? (
          <button type="button" className="btn btn-danger" onClick={onStop} data-testid="code-stop">Stop</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={onRun} disabled={queued} data-testid="code-run" title="Run (Shift+Enter)">
            {queued ? 'Queued…' : 'Run'}
          </button>
        )}
      </div>
      {nameError && <div className={styles.error}>{nameError}</div>}
      <textarea
        className={styles.editor}
        aria-label={`Code of ${cell.name}`}
        data-testid="code-editor"
        value={cell.source}
        readOnly={!canEdit}
        spellCheck={false}
        rows={Math.min(24, Math.max(4, cell.source.split('\n').length + 1))}
        onChange={(e) => onChange({ source: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onRun();
            return;
          }
          if (e.key === 'Escape') e.currentTarget.dataset.escaped = 'true';
          else if (e.key !== 'Tab') delete e.currentTarget.dataset.escaped;
          if (canEdit) onEditorKey(e, (source) => onChange({ source }));
        }}
      />
      <div className="muted" style={{ fontSize: 12 }}>
        Reads <code>snapshot</code> and other code cells by name; <code>return</code> a table to use it below. Shift+Enter runs.
      </div>
      {r && (
        <div className="stack" data-testid="code-result" data-ok={r.ok ? 'true' : 'false'}>
          <div className={styles.meta}>
            {r.ok ? 'Ran' : r.timedOut ? 'Timed out' : 'Failed'} in {Math.round(r.ms)} ms
          </div>
          {r.ok ? <CellOutputView output={r.output} /> : <CellErrorView result={r} />}
          <CellLogs logs={r.logs} />
        </div>
      )}
    </div>
  );
}
