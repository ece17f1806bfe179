'use client';

import { useEffect, useMemo, useState } from 'react';
import { fetchBytes } from '@/components/data/fetch-bytes';
import { apiFetch } from '@/components/ui/api-fetch';
import type { FeatureSpecVersionDTO, SnapshotDTO } from '@/lib/api/dto';
import { parquetToTable } from '@/lib/data/codecs/parquet';
import type { TableLike } from '@/lib/data/table';
import type { FeatureSpec, Step } from '@/lib/features';
import { FeaturePreview } from './feature-preview';
import { StepForm } from './step-form';
import { StepList } from './step-list';
import { blankStep, stepOutputs } from './step-summary';
import { usePreview } from './use-preview';

export type { FeatureSpecVersionDTO, SnapshotDTO } from '@/lib/api/dto';

/** Rows of the snapshot sample the preview fits on (the server samples deterministically above this). */
export const PREVIEW_ROWS = 5000;

export interface FeaturesCellProps {
  projectSlug: string;
  /** scientist and above: may edit and save the spec. */
  canEdit: boolean;
  /** The project's snapshots, newest first (`listSnapshots(project.id)`); the preview loads the first by default. */
  snapshots: SnapshotDTO[];
  /** The spec versions, newest first (`listSpecVersions(project.id)`, which creates the default version 1). */
  initialVersions: FeatureSpecVersionDTO[];
}

const EMPTY: FeatureSpec = { format: 'churnlab.feature-spec', version: 1, steps: [] };
type Editing = { index: number | null; step: Step } | null;

/**
 * The notebook's Features cell: the steps of the current spec (add, edit, reorder, delete), a live preview on a
 * sample of the chosen snapshot fitted in the browser, and saving as a new version with the version history.
 */
export function FeaturesCell({ projectSlug, canEdit, snapshots, initialVersions }: FeaturesCellProps) {
  const [versions, setVersions] = useState(initialVersions);
  const [loadedId, setLoadedId] = useState<string | null>(initialVersions[0]?.id ?? null);
  const loaded = versions.find((v) => v.id === loadedId) ?? null;
  const [draft, setDraft] = useState<FeatureSpec>(initialVersions[0]?.spec ?? EMPTY);
  const [editing, setEditing] = useState<Editing>(null);
  const [note, setNote] = useState('');
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' } | { kind: 'error'; message: string } | { kind: 'saved'; version: number }>({ kind: 'idle' });

  const [snapshotId, setSnapshotId] = useState<string | null>(snapshots[0]?.id ?? null);
  const snapshot = snapshots.find((s) => s.id === snapshotId) ?? null;
  const [table, setTable] = useState<TableLike | null>(null);
  const [loading, setLoading] = useState<string | null>(null);

  useEffect(() => {
    if (!snapshotId) return;
    const ac = new AbortController();
    (async () => {
      setTable(null);
      setLoading('Downloading the sample…');
      try {
        const { bytes } = await fetchBytes(`/api/snapshots/${encodeURIComponent(snapshotId)}/data?rows=${PREVIEW_ROWS}`, () => {}, ac.signal);
        if (ac.signal.aborted) return;
        setLoading('Decoding…');
        const decoded = await parquetToTable(bytes);
        if (ac.signal.aborted) return;
        setTable(decoded.table);
        setLoading(null);
      } catch (e) {
        if (!ac.signal.aborted) setLoading(`Could not load the sample: ${(e as Error).message}`);
      }
    })();
    return () => ac.abort();
  }, [snapshotId]);

  const target = draft.target ?? snapshot?.targetColumn ?? null;
  const preview = usePreview(table, draft, target);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(loaded?.spec ?? EMPTY), [draft, loaded]);

  // Column names a step at `index` can refer to: the sample's columns, earlier derive/bin outputs, and (for
  // select/drop) the features of the current preview such as one-hot columns.
  const columnsAt = (index: number): string[] => {
    const names = new Set((table?.columnNames() ?? []).filter((c) => c !== target));
    for (const s of draft.steps.slice(0, index)) for (const o of stepOutputs(s)) names.add(o);
    if (preview?.ok) for (const f of preview.result.featureNames) names.add(f);
    return [...names];
  };

  const setSteps = (f: (steps: Step[]) => Step[]) => {
    setDraft((d) => ({ ...d, steps: f(d.steps) }));
    setSaveState({ kind: 'idle' });
  };

  const onStepSaved = (s: Step) => {
    if (!editing) return;
    const at = editing.index;
    setSteps((steps) => (at === null ? [...steps, s] : steps.map((x, i) => (i === at ? s : x))));
    setEditing(null);
  };

  const save = async () => {
    setSaveState({ kind: 'saving' });
    const res = await apiFetch<FeatureSpecVersionDTO>(`/api/projects/${encodeURIComponent(projectSlug)}/feature-specs`, {
      method: 'POST',
      body: { spec: draft, note: note.trim() || undefined },
    });
    if (!res.ok) return setSaveState({ kind: 'error', message: res.error });
    setVersions((v) => [res.data, ...v]);
    setLoadedId(res.data.id);
    setDraft(res.data.spec);
    setNote('');
    setSaveState({ kind: 'saved', version: res.data.version });
  };

  const loadVersion = (v: FeatureSpecVersionDTO) => {
    setLoadedId(v.id);
    setDraft(v.spec);
    setEditing(null);
    setSaveState({ kind: 'idle' });
  };

  return (
    <div className="stack" data-testid="features-cell">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 style={{ margin: 0 }}>
          Feature spec{' '}
          <span className="badge" data-testid="spec-version" data-version={loaded?.version ?? 0}>
            {loaded ? `v${loaded.version}` : 'unsaved'}
          </span>{' '}
          {dirty && <span className="badge badge-stale">unsaved changes</span>}
        </h3>
        <span className="muted">target: {target ?? '—'}</span>
      </div>

      <StepList
        steps={draft.steps}
        canEdit={canEdit}
        editingIndex={editing?.index ?? undefined}
        onEdit={(i) => setEditing({ index: i, step: draft.steps[i] })}
        onMove={(i, d) =>
          setSteps((steps) => {
            const j = i + d;
            if (j < 0 || j >= steps.length) return steps;
            const next = steps.slice();
            [next[i], next[j]] = [next[j], next[i]];
            return next;
          })
        }
        onDelete={(i) => setSteps((steps) => steps.filter((_, k) => k !== i))}
        renderForm={(i) =>
          editing && editing.index === i ? <StepForm key={`edit-${i}`} initial={editing.step} isNew={false} columns={columnsAt(i)} onSave={onStepSaved} onCancel={() => setEditing(null)} /> : null
        }
      />

      {canEdit &&
        (editing && editing.index === null ? (
          <StepForm key="new" initial={editing.step} isNew columns={columnsAt(draft.steps.length)} onSave={onStepSaved} onCancel={() => setEditing(null)} />
        ) : (
          <div className="row">
            <button type="button" className="btn" data-testid="add-step" onClick={() => setEditing({ index: null, step: blankStep('derive', columnsAt(draft.steps.length)) })}>
              + Add step
            </button>
          </div>
        ))}

      {canEdit && (
        <div className="row">
          <input placeholder="What changed (optional)" value={note} onChange={(e) => setNote(e.target.value)} style={{ minWidth: 280 }} aria-label="Version note" />
          <button type="button" className="btn btn-primary" data-testid="spec-save" disabled={saveState.kind === 'saving' || (!dirty && loaded !== null)} onClick={save}>
            {saveState.kind === 'saving' ? 'Saving…' : 'Save as new version'}
          </button>
          {saveState.kind === 'saved' && <span className="alert alert-ok" role="status">Saved as version {saveState.version}.</span>}
          {saveState.kind === 'error' && (
            <span className="alert alert-error" role="alert" data-testid="spec-save-error">
              {saveState.message}
            </span>
          )}
        </div>
      )}

      <div className="card stack">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <strong>Live preview</strong>
          {snapshots.length > 0 && (
            <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
              sample of
              <select data-testid="preview-snapshot" value={snapshotId ?? ''} onChange={(e) => setSnapshotId(e.target.value)}>
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.rowCount.toLocaleString('en-US')} rows)
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <FeaturePreview preview={preview} loading={snapshotId ? loading : null} />
      </div>

      <details data-testid="spec-history">
        <summary>Version history ({versions.length})</summary>
        <table className="table">
          <thead>
            <tr>
              <th>Version</th>
              <th>Steps</th>
              <th>Note</th>
              <th>By</th>
              <th>When</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid="spec-history-row" data-version={v.version}>
                <td>v{v.version}</td>
                <td>{v.spec.steps.length}</td>
                <td>{v.note || <span className="muted">—</span>}</td>
                <td>{v.createdBy ?? 'default'}</td>
                <td>{new Date(v.createdAt).toLocaleString()}</td>
                <td>
                  <button type="button" className="btn" disabled={v.id === loadedId && !dirty} onClick={() => loadVersion(v)}>
                    Load
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
