'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { RUNS_CHANGED_EVENT } from '@/components/training/train-cell';
import { apiFetch } from '@/components/ui/api-fetch';
import type { ModelDetailDTO, ModelVersionDTO, RegisteredModelDTO, RunSummaryDTO } from '@/lib/api/dto';
import { formatMetric, num } from '@/lib/ml/charts/run-view';
import { MODELS_CHANGED_EVENT, modelHref, notifyModelsChanged, versionHref, type RegistryPermissions } from './format';
import { RequestsTable } from './requests-table';
import { VersionsTable } from './versions-table';

export interface RegistryCellProps {
  projectSlug: string;
  perms: RegistryPermissions;
  /** The project's registered models with their audit trail and requests (getModelDetail of each listModels entry). */
  initialDetails: ModelDetailDTO[];
  /** The project's runs, newest first (listRuns); succeeded ones can be registered. */
  initialRuns: RunSummaryDTO[];
}

const DEFAULT_MODEL_NAME = 'churn-model';

/**
 * The notebook's Registry cell: the project's registered models (champion/challenger, versions), a form to
 * register a run as the next version, promotion requests, and — for approvers — the alias moves themselves.
 */
export function RegistryCell({ projectSlug, perms, initialDetails, initialRuns }: RegistryCellProps) {
  const slug = encodeURIComponent(projectSlug);
  const [details, setDetails] = useState(initialDetails);
  const [runs, setRuns] = useState(initialRuns);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setDetails(initialDetails), [initialDetails]);
  useEffect(() => setRuns(initialRuns), [initialRuns]);

  const refresh = useCallback(async () => {
    setLoading(true);
    const list = await apiFetch<{ models: RegisteredModelDTO[] }>(`/api/projects/${slug}/models`);
    if (!list.ok) {
      setLoading(false);
      return setError(list.error);
    }
    const got = await Promise.all(list.data.models.map((m) => apiFetch<ModelDetailDTO>(`/api/models/${encodeURIComponent(m.name)}`)));
    setLoading(false);
    const failed = got.find((g) => !g.ok);
    setError(failed && !failed.ok ? failed.error : null);
    // A model whose detail failed still shows its versions (without requests).
    setDetails(list.data.models.map((m, i) => { const g = got[i]; return g.ok ? g.data : { model: m, transitions: [], requests: [] }; }));
  }, [slug]);

  const refreshRuns = useCallback(async () => {
    const res = await apiFetch<{ runs: RunSummaryDTO[] }>(`/api/projects/${slug}/runs`);
    if (res.ok) setRuns(res.data.runs);
  }, [slug]);

  useEffect(() => {
    const onModels = () => void refresh();
    const onRuns = () => void refreshRuns();
    window.addEventListener(MODELS_CHANGED_EVENT, onModels);
    window.addEventListener(RUNS_CHANGED_EVENT, onRuns);
    return () => {
      window.removeEventListener(MODELS_CHANGED_EVENT, onModels);
      window.removeEventListener(RUNS_CHANGED_EVENT, onRuns);
    };
  }, [refresh, refreshRuns]);

  const onChanged = useCallback((detail?: ModelDetailDTO) => {
    if (detail) setDetails((ds) => ds.map((d) => (d.model.id === detail.model.id ? detail : d)));
  }, []);

  const openRequests = useMemo(() => details.flatMap((d) => d.requests.filter((r) => r.status === 'open')), [details]);
  const succeeded = useMemo(() => runs.filter((r) => r.status === 'succeeded'), [runs]);
  // runId → "churn-model v2, …": a run can be a version of each model once.
  const registeredAs = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const { model } of details) for (const v of model.versions) m.set(v.runId, [...(m.get(v.runId) ?? []), `${model.name} v${v.version}`]);
    return m;
  }, [details]);

  return (
    <div className="stack" data-testid="registry-cell">
      {error && <div className="alert alert-error" role="alert" data-testid="registry-error">{error}</div>}
      {details.length === 0 ? (
        <div className="empty" data-testid="models-list" data-count={0}>
          No registered model yet. {perms.canRegister ? 'Register a succeeded run below as version 1.' : 'A scientist registers a succeeded training run as version 1.'}
        </div>
      ) : (
        <div className="stack" data-testid="models-list" data-count={details.length}>
          {details.map(({ model }) => (
            <section key={model.id} className="card stack" style={{ gap: 8 }} data-testid="registered-model" data-model={model.name} aria-label={`model ${model.name}`}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <div className="row">
                  <Link href={modelHref(projectSlug, model.name)} data-testid="model-link" style={{ fontWeight: 600, fontSize: 15 }}>{model.name}</Link>
                  <AliasPill projectSlug={projectSlug} model={model} alias="champion" />
                  <AliasPill projectSlug={projectSlug} model={model} alias="challenger" />
                  <span className="muted" style={{ fontSize: 12 }}>{model.versions.length} version{model.versions.length === 1 ? '' : 's'}</span>
                </div>
                <Link href={modelHref(projectSlug, model.name)} className="btn">Model page, audit trail →</Link>
              </div>
              {model.description && <p className="muted" style={{ margin: 0 }}>{model.description}</p>}
              <VersionsTable projectSlug={projectSlug} model={model} perms={perms} onChanged={onChanged} limit={5} />
            </section>
          ))}
        </div>
      )}

      {(openRequests.length > 0 || details.length > 0) && (
        <section className="stack" style={{ gap: 6 }} aria-label="Open promotion requests">
          <h3 style={{ margin: 0 }}>Open promotion requests</h3>
          <RequestsTable requests={openRequests} perms={perms} onChanged={onChanged} showModel emptyText="No open promotion requests." />
        </section>
      )}

      {perms.canRegister ? (
        <RegisterForm projectSlug={projectSlug} runs={succeeded} registered={registeredAs} modelNames={details.map((d) => d.model.name)} onRegistered={() => void refresh()} />
      ) : (
        <p className="muted" style={{ margin: 0 }}>Registering runs needs the scientist role; promoting a champion needs the approver role.</p>
      )}
      <div className="row">
        <button type="button" className="btn" data-testid="registry-refresh" onClick={() => void refresh()} disabled={loading}>{loading ? 'Refreshing…' : 'Refresh'}</button>
      </div>
    </div>
  );
}

function AliasPill({ projectSlug, model, alias }: { projectSlug: string; model: RegisteredModelDTO; alias: 'champion' | 'challenger' }) {
  const a = model[alias];
  if (!a) return <span className="badge" data-testid={`model-${alias}`} data-version="">no {alias}</span>;
  return (
    <Link href={versionHref(projectSlug, model.name, a.version)} className={alias === 'champion' ? 'badge badge-passed' : 'badge badge-running'} data-testid={`model-${alias}`} data-version={a.version}>
      {alias} v{a.version}
    </Link>
  );
}

function RegisterForm({
  projectSlug,
  runs,
  registered: registeredAs,
  modelNames,
  onRegistered,
}: {
  projectSlug: string;
  runs: RunSummaryDTO[];
  /** runId → the versions it already is */
  registered: Map<string, string[]>;
  modelNames: string[];
  onRegistered: () => void;
}) {
  const [chosenRun, setRunId] = useState(runs[0]?.id ?? '');
  const runId = runs.some((r) => r.id === chosenRun) ? chosenRun : (runs[0]?.id ?? '');
  const run = runs.find((r) => r.id === runId) ?? null;
  const [modelName, setModelName] = useState('');
  const [threshold, setThreshold] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [registered, setRegistered] = useState<ModelVersionDTO | null>(null);
  const bestF1 = run ? num(run.metrics.bestF1Threshold) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setRegistered(null);
    let t: number | undefined;
    if (threshold.trim()) {
      t = Number(threshold);
      if (!Number.isFinite(t) || t < 0 || t > 1) return setError('threshold: a number between 0 and 1');
    }
    setBusy(true);
    const res = await apiFetch<{ version: ModelVersionDTO }>(`/api/projects/${encodeURIComponent(projectSlug)}/models`, {
      method: 'POST',
      body: { runId, ...(modelName.trim() ? { modelName: modelName.trim() } : {}), ...(t !== undefined ? { threshold: t } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setRegistered(res.data.version);
    setNote('');
    setThreshold('');
    notifyModelsChanged(res.data.version.modelName);
    onRegistered();
  }

  return (
    <form className="card stack" style={{ gap: 8 }} onSubmit={submit} data-testid="register-form" aria-label="Register a run">
      <h3 style={{ margin: 0 }}>Register a run</h3>
      {runs.length === 0 ? (
        <div className="empty">No succeeded run yet: train one in the Train cell.</div>
      ) : (
        <>
          <div className="row" style={{ alignItems: 'flex-end' }}>
            <label>
              Run
              <select data-testid="register-run" value={runId} onChange={(e) => setRunId(e.target.value)}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} · {r.family} · AUC {formatMetric(r.metrics.rocAuc, 3)} · {r.createdAt.slice(0, 16).replace('T', ' ')}
                    {registeredAs.has(r.id) ? ` · already ${registeredAs.get(r.id)!.join(', ')}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Model name
              <input
                data-testid="register-model-name"
                list="registry-model-names"
                value={modelName}
                maxLength={100}
                placeholder={`${modelNames[0] ?? DEFAULT_MODEL_NAME} (default)`}
                onChange={(e) => setModelName(e.target.value)}
              />
              <datalist id="registry-model-names">
                {modelNames.map((n) => <option key={n} value={n} />)}
              </datalist>
            </label>
            <label>
              Decision threshold
              <input
                data-testid="register-threshold"
                inputMode="decimal"
                value={threshold}
                style={{ width: 150 }}
                placeholder={bestF1 !== null ? `best-F1 ${bestF1.toFixed(3)}` : '0–1'}
                onChange={(e) => setThreshold(e.target.value)}
              />
            </label>
          </div>
          <label>
            Note
            <input data-testid="register-note" value={note} maxLength={2000} placeholder="what changed in this version" onChange={(e) => setNote(e.target.value)} />
          </label>
          <p className="muted" style={{ margin: 0, fontSize: 12 }}>
            The version freezes the run&apos;s model, feature transform, input schema and threshold (empty: the run&apos;s best-F1 threshold). It serves only once an approver makes it champion.
          </p>
          <div className="row">
            <button type="submit" className="btn btn-primary" data-testid="register-submit" disabled={busy || !runId}>{busy ? 'Registering…' : 'Register version'}</button>
          </div>
        </>
      )}
      {error && <div className="alert alert-error" role="alert" data-testid="register-error">{error}</div>}
      {registered && (
        <div className="alert alert-ok" role="status" data-testid="register-done" data-model={registered.modelName} data-version={registered.version}>
          Registered <Link href={versionHref(projectSlug, registered.modelName, registered.version)}>{registered.modelName} v{registered.version}</Link>.
        </div>
      )}
    </form>
  );
}
