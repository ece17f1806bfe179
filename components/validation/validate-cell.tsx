'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { fetchBytes } from '@/components/data/fetch-bytes';
import { apiFetch } from '@/components/ui/api-fetch';
import type { GateDTO, SnapshotDTO, SuiteExpectationDTO, SuiteVersionDTO, ValidationRunDTO, ValidationRunSummaryDTO } from '@/lib/api/dto';
import { parquetToTable } from '@/lib/data/codecs/parquet';
import { formatDate } from '@/lib/data/explore/format';
import { parseExpectation, passRate, SuiteValidationError, type ExpectationInput } from '@/lib/validation';
import { shortType } from './expectation-format';
import { GateBanner } from './gate-banner';
import { GuidedEditor, type LoadedSample } from './guided-editor';
import { SuiteTable } from './suite-table';
import { EarlierRuns, LastRunStatus } from './validation-runs';

export interface ValidateCellProps {
  projectSlug: string;
  /** scientist and above: may edit and save the suite and run validation. */
  canEdit: boolean;
  /** approver and above: may record an override of a failed validation. */
  canOverride: boolean;
  /** The project's snapshots, newest first (lib/server/snapshots `listSnapshots`). */
  snapshots: SnapshotDTO[];
  /** The latest version of the project's `default` suite (lib/server/validation/suites `latestSuite`), or null. */
  initialSuite: SuiteVersionDTO | null;
}

const SAMPLE_ROWS = 20_000;

function draftError(e: SuiteExpectationDTO): string | null {
  try {
    parseExpectation(e);
    return null;
  } catch (err) {
    return err instanceof SuiteValidationError ? err.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : (err as Error).message;
  }
}

/**
 * The notebook's Validate cell: pick a snapshot, edit the project's expectation suite (guided suggestions with
 * live pass rates on a 20 000-row sample decoded in the browser, kwargs forms, severity, enable, reorder), save
 * it as a new version, run it on the server, and see the training gate with, for approvers, an override form.
 */
export function ValidateCell({ projectSlug, canEdit, canOverride, snapshots, initialSuite }: ValidateCellProps) {
  const router = useRouter();
  const slug = encodeURIComponent(projectSlug);
  const [snapshotId, setSnapshotId] = useState(snapshots[0]?.id ?? '');
  const snapshot = snapshots.find((s) => s.id === snapshotId) ?? null;
  const [saved, setSaved] = useState<SuiteVersionDTO | null>(initialSuite);
  const [draft, setDraft] = useState<SuiteExpectationDTO[]>(() => initialSuite?.suite.expectations ?? []);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<'save' | 'run' | 'import' | null>(null);
  const [lastRun, setLastRun] = useState<ValidationRunSummaryDTO | null>(null);
  const [history, setHistory] = useState<ValidationRunSummaryDTO[]>([]);
  const [gate, setGate] = useState<GateDTO | null>(null);
  const [sample, setSample] = useState<LoadedSample | null>(null);
  const [loading, setLoading] = useState(false);
  const loadFor = useRef<string | null>(null);

  const refreshSnapshotState = useCallback(async (id: string) => {
    if (!id) return;
    const [g, h] = await Promise.all([
      apiFetch<GateDTO>(`/api/snapshots/${encodeURIComponent(id)}/gate`),
      apiFetch<{ runs: ValidationRunSummaryDTO[] }>(`/api/snapshots/${encodeURIComponent(id)}/validations`),
    ]);
    if (g.ok) setGate(g.data);
    if (h.ok) {
      setHistory(h.data.runs);
      setLastRun(h.data.runs[0] ?? null);
    }
  }, []);

  useEffect(() => {
    setGate(null);
    setSample(null);
    loadFor.current = null;
    void refreshSnapshotState(snapshotId);
  }, [snapshotId, refreshSnapshotState]);

  const loadSample = useCallback(async () => {
    if (!snapshotId || loadFor.current === snapshotId) return;
    loadFor.current = snapshotId;
    setLoading(true);
    try {
      const { bytes, headers } = await fetchBytes(`/api/snapshots/${encodeURIComponent(snapshotId)}/data?rows=${SAMPLE_ROWS}`, () => {});
      const decoded = await parquetToTable(bytes);
      if (loadFor.current !== snapshotId) return;
      setSample({ table: decoded.table, rows: decoded.rowCount, totalRows: Number(headers.get('x-churnlab-total-rows') ?? decoded.rowCount) });
    } catch (e) {
      loadFor.current = null;
      setMessage({ kind: 'error', text: `could not load the snapshot: ${(e as Error).message}` });
    } finally {
      setLoading(false);
    }
  }, [snapshotId]);

  const columns = useMemo(() => sample?.table.columnNames() ?? snapshot?.columns.map((c) => c.name) ?? [], [sample, snapshot]);
  const errors = useMemo(() => draft.map(draftError), [draft]);
  const rates = useMemo(
    () =>
      draft.map((e, i) => {
        if (!sample || errors[i]) return null;
        try {
          return passRate(sample.table, e as unknown as ExpectationInput);
        } catch {
          return null;
        }
      }),
    [draft, errors, sample],
  );

  const change = (next: SuiteExpectationDTO[]) => {
    setDraft(next);
    setDirty(true);
    setMessage(null);
  };
  const update = (i: number, patch: Partial<SuiteExpectationDTO>) => change(draft.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= draft.length) return;
    const next = draft.slice();
    [next[i], next[j]] = [next[j], next[i]];
    change(next);
    setEditing((cur) => (cur === i ? j : cur === j ? i : cur));
  };
  const remove = (i: number) => {
    change(draft.filter((_, j) => j !== i));
    setEditing(null);
  };

  const save = async (): Promise<SuiteVersionDTO | null> => {
    setBusy('save');
    const res = await apiFetch<SuiteVersionDTO>(`/api/projects/${slug}/suites`, {
      method: 'POST',
      body: { name: saved?.name ?? 'default', expectations: draft, meta: saved?.suite.meta ?? {} },
    });
    setBusy(null);
    if (!res.ok) {
      setMessage({ kind: 'error', text: res.error });
      return null;
    }
    setSaved(res.data);
    setDraft(res.data.suite.expectations);
    setDirty(false);
    setMessage({ kind: 'ok', text: `Saved as version ${res.data.version}.` });
    return res.data;
  };

  const run = async () => {
    if (!snapshotId) return;
    let suite = saved;
    if (dirty || !suite) {
      suite = await save();
      if (!suite) return;
    }
    setBusy('run');
    const res = await apiFetch<ValidationRunDTO>(`/api/projects/${slug}/validations`, { method: 'POST', body: { snapshotId, suiteId: suite.id } });
    setBusy(null);
    if (!res.ok) return setMessage({ kind: 'error', text: res.error });
    const { report: _report, ...summary } = res.data;
    void _report;
    setLastRun(summary);
    setMessage(null);
    await refreshSnapshotState(snapshotId);
    router.refresh();
  };

  const importGx = async (ev: ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch (e) {
      return setMessage({ kind: 'error', text: `${file.name} is not JSON: ${(e as Error).message}` });
    }
    setBusy('import');
    const res = await apiFetch<SuiteVersionDTO>(`/api/projects/${slug}/suites/import?name=${encodeURIComponent(saved?.name ?? 'default')}`, { method: 'POST', body });
    setBusy(null);
    if (!res.ok) return setMessage({ kind: 'error', text: res.error });
    setSaved(res.data);
    setDraft(res.data.suite.expectations);
    setDirty(false);
    setMessage({ kind: 'ok', text: `Imported ${file.name} as version ${res.data.version}.` });
  };

  if (snapshots.length === 0) {
    return (
      <div className="empty" data-testid="validate-cell">
        <strong>No snapshots to validate yet.</strong> Ingest or upload data in the Data cell first.
      </div>
    );
  }

  const reportHref = (id: string) => `/projects/${slug}/validations/${encodeURIComponent(id)}`;
  const invalid = errors.some((e) => e !== null);

  return (
    <div className="stack" data-testid="validate-cell">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <label style={{ display: 'grid', gap: 2 }}>
          Snapshot
          <select data-testid="validate-snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {s.rowCount.toLocaleString('en-US')} rows · {formatDate(s.createdAt)}
              </option>
            ))}
          </select>
        </label>
        {!sample && (
          <button type="button" className="btn" onClick={loadSample} disabled={loading} data-testid="sample-load">
            {loading ? 'Loading…' : 'Load sample for live pass rates'}
          </button>
        )}
      </div>

      <GateBanner gate={gate} canOverride={canOverride} onChanged={(g) => { setGate(g); router.refresh(); }} />

      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <h3 style={{ margin: 0 }}>
          Suite “{saved?.name ?? 'default'}” {saved ? <span className="muted">v{saved.version}{saved.createdBy ? ` · ${saved.createdBy}` : ''}</span> : <span className="muted">(not saved yet)</span>}
          {dirty && <span className="badge badge-stale" style={{ marginLeft: 8 }}>unsaved changes</span>}
        </h3>
        <div className="row">
          {saved && (
            <a className="btn" href={`/api/projects/${slug}/suites/export?name=${encodeURIComponent(saved.name)}&version=${saved.version}`} data-testid="suite-export">
              Export GX JSON
            </a>
          )}
          {canEdit && (
            <label className="btn" style={{ cursor: 'pointer' }}>
              Import GX JSON
              <input type="file" accept="application/json,.json" onChange={importGx} style={{ display: 'none' }} data-testid="suite-import" disabled={busy !== null} />
            </label>
          )}
        </div>
      </div>

      <SuiteTable
        draft={draft}
        errors={errors}
        rates={rates}
        columns={columns}
        canEdit={canEdit}
        editing={editing}
        onEdit={setEditing}
        onUpdate={update}
        onMove={move}
        onRemove={remove}
      />

      {canEdit && (
        <GuidedEditor
          columns={columns}
          sample={sample}
          loading={loading}
          onPick={loadSample}
          onAdd={(e) => {
            change([...draft, e]);
            setMessage({ kind: 'ok', text: `Added “${shortType(e.expectation_type)}” on ${String(e.kwargs.column ?? 'the table')}: save to keep it.` });
          }}
        />
      )}

      {message && (
        <div className={message.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="validate-message">
          {message.text}
        </div>
      )}

      <div className="row" style={{ flexWrap: 'wrap' }}>
        {canEdit && (
          <>
            <button type="button" className="btn" data-testid="suite-save" onClick={save} disabled={busy !== null || !dirty || invalid}>
              {busy === 'save' ? 'Saving…' : 'Save suite (new version)'}
            </button>
            <button type="button" className="btn btn-primary" data-testid="validation-run" onClick={run} disabled={busy !== null || invalid || !snapshotId}>
              {busy === 'run' ? 'Validating…' : dirty ? 'Save & run validation' : 'Run validation'}
            </button>
          </>
        )}
        {lastRun && <LastRunStatus run={lastRun} href={reportHref(lastRun.id)} />}
      </div>

      <EarlierRuns history={history} reportHref={reportHref} />
    </div>
  );
}
