'use client';

import { useRef, useState, type ChangeEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { formatBytes, formatInt } from '@/lib/data/explore/format';
import { defaultPositive, defaultTarget, nameFromFile } from '@/lib/data/explore/upload-defaults';
import { ProgressBar } from './progress-bar';
import { UPLOAD_COLUMN_TYPES, type SnapshotDTO, type UploadColumnType, type UploadDraftDTO } from './types';
import { uploadWithProgress, type XhrUpload } from './xhr-upload';

/**
 * Upload in two steps: the raw file goes to the server, which parses it and answers with a draft (columns with
 * inferred types, target candidates); the user reviews types, target and name, then commits a snapshot.
 */
export function UploadPanel({ projectSlug, onCreated }: { projectSlug: string; onCreated: (s: SnapshotDTO) => void }) {
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [draft, setDraft] = useState<UploadDraftDTO | null>(null);
  const [overrides, setOverrides] = useState<Record<string, UploadColumnType>>({});
  const [target, setTarget] = useState<string>('');
  const [positive, setPositive] = useState<string>('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'uploading' | 'committing' | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const xhrRef = useRef<XhrUpload<UploadDraftDTO> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function chooseTarget(d: UploadDraftDTO, column: string) {
    setTarget(column);
    const cand = d.targetCandidates.find((c) => c.column === column);
    setPositive(cand ? (defaultPositive(cand.values) ?? '') : '');
  }

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    setCreated(null);
    setDraft(null);
    setOverrides({});
    setBusy('uploading');
    setProgress({ loaded: 0, total: file.size });
    const url = `/api/projects/${encodeURIComponent(projectSlug)}/uploads?filename=${encodeURIComponent(file.name)}`;
    const up = uploadWithProgress<UploadDraftDTO>(url, file, (loaded, total) => setProgress({ loaded, total }));
    xhrRef.current = up;
    const res = await up.promise;
    xhrRef.current = null;
    setBusy(null);
    if (!res.ok) {
      setError(res.error);
      setProgress(null);
      return;
    }
    const d = res.data;
    setDraft(d);
    setName(nameFromFile(d.fileName || file.name));
    chooseTarget(d, defaultTarget(d.targetCandidates) ?? '');
  }

  async function commit() {
    if (!draft) return;
    setError(null);
    setBusy('committing');
    const res = await apiFetch<SnapshotDTO>(`/api/uploads/${encodeURIComponent(draft.uploadId)}/commit`, {
      method: 'POST',
      body: { name: name.trim(), target: target || null, positive: target ? positive || null : null, overrides },
    });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    onCreated(res.data);
    setCreated(res.data.name);
    setDraft(null);
    setProgress(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  const candidate = draft?.targetCandidates.find((c) => c.column === target);
  return (
    <section className="card stack" aria-labelledby="upload-heading">
      <h3 id="upload-heading">Upload CSV/Parquet</h3>
      <div className="row">
        <input
          ref={inputRef}
          type="file"
          accept=".csv,.parquet,text/csv,application/vnd.apache.parquet"
          data-testid="upload-input"
          aria-label="CSV or Parquet file"
          disabled={busy !== null}
          onChange={onFile}
        />
        {busy === 'uploading' && (
          <button type="button" className="btn" onClick={() => xhrRef.current?.abort()}>Cancel upload</button>
        )}
      </div>
      {progress && (busy === 'uploading' || draft) && (
        <ProgressBar
          testId="upload-progress"
          value={progress.total > 0 ? progress.loaded / progress.total : null}
          label={busy === 'uploading' && progress.loaded >= progress.total ? 'Uploaded; parsing on the server…' : `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}`}
        />
      )}
      {error && <div className="alert alert-error" role="alert" data-testid="upload-error">{error}</div>}
      {created && <div className="alert alert-ok" role="status">Snapshot “{created}” created.</div>}
      {draft && (
        <div className="stack" data-testid="upload-draft">
          <p className="muted">
            {draft.fileName} · {draft.format.toUpperCase()} · {formatBytes(draft.byteSize)} · {formatInt(draft.rowCount)} rows × {formatInt(draft.columns.length)} columns
          </p>
          <div style={{ overflowX: 'auto', maxHeight: 360, overflowY: 'auto' }}>
            <table className="table" data-testid="draft-columns">
              <thead>
                <tr><th>Column</th><th>Type</th><th>Missing</th><th>Distinct</th><th>Samples</th></tr>
              </thead>
              <tbody>
                {draft.columns.map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td>
                    <td>
                      <select
                        aria-label={`Type of ${c.name}`}
                        data-testid="type-override"
                        data-column={c.name}
                        value={overrides[c.name] ?? c.inferredType}
                        onChange={(e) => {
                          const t = e.target.value as UploadColumnType;
                          setOverrides(({ [c.name]: _drop, ...rest }) => (t === c.inferredType ? rest : { ...rest, [c.name]: t }));
                        }}
                      >
                        {UPLOAD_COLUMN_TYPES.map((t) => (
                          <option key={t} value={t}>{t}{t === c.inferredType ? ' (inferred)' : ''}</option>
                        ))}
                      </select>
                    </td>
                    <td>{formatInt(c.missing)}</td>
                    <td>{formatInt(c.distinct)}</td>
                    <td className="muted" style={{ maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {c.samples.slice(0, 5).join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row" style={{ alignItems: 'flex-end' }}>
            <label>
              Target column
              <select data-testid="target-select" value={target} onChange={(e) => chooseTarget(draft, e.target.value)}>
                <option value="">(no target)</option>
                {draft.targetCandidates.map((c) => <option key={c.column} value={c.column}>{c.column}</option>)}
              </select>
            </label>
            <label>
              Positive (churned) value
              <select data-testid="positive-select" value={positive} disabled={!candidate} onChange={(e) => setPositive(e.target.value)}>
                {!candidate && <option value="">—</option>}
                {candidate?.values.map((v) => <option key={v.value} value={v.value}>{v.value} ({formatInt(v.count)})</option>)}
              </select>
            </label>
            <label style={{ flex: 1, minWidth: 200 }}>
              Snapshot name
              <input data-testid="snapshot-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
            </label>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="create-snapshot"
              disabled={busy !== null || name.trim() === '' || (target !== '' && positive === '')}
              onClick={commit}
            >
              {busy === 'committing' ? 'Creating…' : 'Create snapshot'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
