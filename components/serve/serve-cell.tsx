'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from 'react';
import { MODELS_CHANGED_EVENT, versionHref } from '@/components/registry/format';
import { apiFetch } from '@/components/ui/api-fetch';
import type { InputFieldDTO, ModelAliasName, ModelVersionDTO, PredictResponseDTO, RegisteredModelDTO } from '@/lib/api/dto';
import { formatMetric } from '@/lib/ml/charts/run-view';
import { BatchPanel } from './batch-panel';
import { curlExample, customerFromTexts, initialTexts, type FormTexts } from './predict-input';

export interface ServeCellProps {
  projectSlug: string;
  /** The project's registered models (listModels). */
  initialModels: RegisteredModelDTO[];
  /** scientist and above: may create API keys (the settings page link). */
  canUseKeys: boolean;
}

interface Served {
  version: ModelVersionDTO;
  inputSchema: InputFieldDTO[];
}

type PredictResult = { ok: true; data: PredictResponseDTO; ms: number } | { ok: false; status: number; error: string; issues: { path: string; message: string }[] };

/** POST /api/v1/predict with the session cookie; keeps the per-field issues of a 400/422 to show them. */
async function predict(modelName: string, alias: ModelAliasName, customer: Record<string, unknown>): Promise<PredictResult> {
  const t0 = performance.now();
  try {
    const res = await fetch(`/api/v1/predict?model=${encodeURIComponent(modelName)}&alias=${alias}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer }),
    });
    const json = (await res.json().catch(() => null)) as (PredictResponseDTO & { error?: { message?: string; issues?: { path: string; message: string }[] } }) | null;
    if (!res.ok || !json) return { ok: false, status: res.status, error: json?.error?.message ?? `request failed (${res.status})`, issues: Array.isArray(json?.error?.issues) ? json.error.issues : [] };
    return { ok: true, data: json, ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, status: 0, error: `network error: ${(e as Error).message}`, issues: [] };
  }
}

const noSubscribe = () => () => {};

/**
 * The notebook's Serve & Score cell: which version serves as champion and challenger, a "Try it" form built
 * from the served version's input schema that scores one customer through the real prediction API (probability,
 * label, top reasons), and how API clients call it.
 */
export function ServeCell({ projectSlug, initialModels, canUseKeys }: ServeCellProps) {
  const [models, setModels] = useState(initialModels);
  const slug = encodeURIComponent(projectSlug);
  const [chosen, setChosen] = useState<string>(() => (initialModels.find((m) => m.champion) ?? initialModels[0])?.name ?? '');
  const model = models.find((m) => m.name === chosen) ?? models.find((m) => m.champion) ?? models[0] ?? null;
  const [alias, setAlias] = useState<ModelAliasName>('champion');
  const effectiveAlias: ModelAliasName = alias === 'challenger' && model?.challenger ? 'challenger' : 'champion';
  const served = model?.[effectiveAlias] ?? null;
  const [info, setInfo] = useState<Served | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [texts, setTexts] = useState<FormTexts>({});
  const [result, setResult] = useState<PredictResult | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => 'http://127.0.0.1:3000');

  useEffect(() => setModels(initialModels), [initialModels]);

  const refreshModels = useCallback(async () => {
    const res = await apiFetch<{ models: RegisteredModelDTO[] }>(`/api/projects/${slug}/models`);
    if (res.ok) setModels(res.data.models);
  }, [slug]);

  useEffect(() => {
    const on = () => void refreshModels();
    window.addEventListener(MODELS_CHANGED_EVENT, on);
    return () => window.removeEventListener(MODELS_CHANGED_EVENT, on);
  }, [refreshModels]);

  // The input schema of the version that serves, from the same public route API clients use.
  const modelName = model?.name ?? '';
  const servedVersion = served?.version ?? null;
  useEffect(() => {
    if (!modelName || servedVersion === null) {
      setInfo(null);
      return;
    }
    let cancelled = false;
    (async () => {
      const res = await apiFetch<{ version: ModelVersionDTO; inputSchema: InputFieldDTO[] }>(`/api/v1/models/champion?model=${encodeURIComponent(modelName)}&alias=${effectiveAlias}`);
      if (cancelled) return;
      if (!res.ok) {
        setInfo(null);
        return setInfoError(res.error);
      }
      setInfoError(null);
      setInfo({ version: res.data.version, inputSchema: res.data.inputSchema });
      setTexts((old) => ({ ...initialTexts(res.data.inputSchema), ...pick(old, res.data.inputSchema) }));
    })();
    return () => {
      cancelled = true;
    };
  }, [modelName, servedVersion, effectiveAlias]);

  const schema = useMemo(() => info?.inputSchema ?? [], [info]);
  const inputs = schema.filter((f) => f.use === 'input');
  const ids = schema.filter((f) => f.use === 'id');
  const built = useMemo(() => customerFromTexts(schema, texts), [schema, texts]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!model) return;
    if (!built.ok) return setResult({ ok: false, status: 0, error: built.error, issues: [] });
    setBusy(true);
    setResult(await predict(model.name, effectiveAlias, built.customer));
    setBusy(false);
  }

  if (models.length === 0) {
    return (
      <div className="stack" data-testid="serve-cell">
        <div className="empty" data-testid="serve-empty">Nothing serves yet: register a run in the Registry cell and have an approver promote it to champion.</div>
        <BatchPanel projectSlug={projectSlug} canRun={canUseKeys} hasChampion={false} />
      </div>
    );
  }

  return (
    <div className="stack" data-testid="serve-cell">
      <div className="row" style={{ alignItems: 'flex-end' }}>
        {models.length > 1 && (
          <label>
            Model
            <select data-testid="serve-model" value={model?.name ?? ''} onChange={(e) => { setChosen(e.target.value); setResult(null); }}>
              {models.map((m) => <option key={m.id} value={m.name}>{m.name}</option>)}
            </select>
          </label>
        )}
        <table className="table" style={{ width: 'auto' }} data-testid="serving-table">
          <tbody>
            {(['champion', 'challenger'] as const).map((a) => {
              const s = model?.[a] ?? null;
              const v = s ? model!.versions.find((x) => x.version === s.version) : null;
              return (
                <tr key={a} data-testid={`serving-${a}`} data-version={s?.version ?? ''}>
                  <th>{a}</th>
                  <td>
                    {s && model ? (
                      <>
                        <Link href={versionHref(projectSlug, model.name, s.version)}>{model.name} v{s.version}</Link>
                        {v && <span className="muted"> · {v.family} · AUC {formatMetric(v.metrics.rocAuc, 3)} · threshold {v.threshold.toFixed(3)}</span>}
                      </>
                    ) : (
                      <span className="muted">{a === 'champion' ? 'none: the API answers 404 until an approver promotes a version' : 'none'}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {model && !model.champion ? (
        <div className="empty">No champion for <code>{model.name}</code> yet: an approver promotes a version in the Registry cell.</div>
      ) : (
        <form className="card stack" onSubmit={submit} data-testid="try-form" aria-label="Try it">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h3 style={{ margin: 0 }}>Try it</h3>
            {model?.challenger && (
              <label style={{ flexDirection: 'row', alignItems: 'center' }}>
                Score with
                <select data-testid="try-alias" value={effectiveAlias} onChange={(e) => { setAlias(e.target.value as ModelAliasName); setResult(null); }}>
                  <option value="champion">champion v{model.champion?.version}</option>
                  <option value="challenger">challenger v{model.challenger.version}</option>
                </select>
              </label>
            )}
          </div>
          {infoError && <div className="alert alert-error" role="alert">{infoError}</div>}
          {!info && !infoError && <div className="muted">Loading the input schema…</div>}
          {info && (
            <>
              <p className="muted" style={{ margin: 0, fontSize: 12 }}>
                One customer in the source schema (before features), scored by {model?.name} v{info.version.version} through <code>POST /api/v1/predict</code> with your session. Hints show what training saw; empty numbers are sent as missing.
              </p>
              <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 10 }}>
                {ids.map((f) => (
                  <label key={f.name} title="echoed back in the response">
                    <code>{f.name}</code>
                    <input data-testid={`try-field-${f.name}`} value={texts[f.name] ?? ''} placeholder="id (optional)" onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))} />
                  </label>
                ))}
                {inputs.map((f) => (
                  <label key={f.name}>
                    <code>{f.name}</code>
                    {f.kind === 'categorical' && f.levels && f.levels.length > 0 ? (
                      <select data-testid={`try-field-${f.name}`} value={texts[f.name] ?? ''} onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))}>
                        {f.levels.map((l) => <option key={l} value={l}>{l}</option>)}
                        <option value="">(missing)</option>
                      </select>
                    ) : f.kind === 'categorical' ? (
                      <input data-testid={`try-field-${f.name}`} value={texts[f.name] ?? ''} onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))} />
                    ) : (
                      <>
                        <input
                          data-testid={`try-field-${f.name}`}
                          type="number"
                          step="any"
                          value={texts[f.name] ?? ''}
                          onChange={(e) => setTexts((t) => ({ ...t, [f.name]: e.target.value }))}
                        />
                        {f.min !== undefined && f.max !== undefined && <span style={{ fontSize: 11 }}>training range {formatMetric(f.min, 4)} – {formatMetric(f.max, 4)}</span>}
                      </>
                    )}
                  </label>
                ))}
              </div>
              <div className="row">
                <button type="submit" className="btn btn-primary" data-testid="try-submit" disabled={busy}>{busy ? 'Scoring…' : 'Score this customer'}</button>
              </div>
            </>
          )}
          {result && !result.ok && (
            <div className="alert alert-error" role="alert" data-testid="try-error" data-status={result.status}>
              {result.error}
              {result.issues.length > 0 && (
                <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
                  {result.issues.map((i, k) => <li key={k}><code>{i.path || '(body)'}</code>: {i.message}</li>)}
                </ul>
              )}
            </div>
          )}
          {result && result.ok && <PredictionView response={result.data} ms={result.ms} />}
        </form>
      )}

      {model?.champion && info && built.ok && (
        <section className="stack" style={{ gap: 6 }} aria-label="Call it from code" data-testid="curl-example">
          <h3 style={{ margin: 0 }}>Call it from code</h3>
          <p className="muted" style={{ margin: 0 }}>
            API clients send a Bearer key with the <code>predict</code> scope ({canUseKeys ? <Link href="/settings/api-keys">create one in API keys</Link> : 'a scientist creates one in API keys'}); up to 1,000 customers per call as <code>{'{"customers": [...]}'}</code>. Every route, schema and error code: <Link href="/docs/api">API docs</Link>.
          </p>
          <pre className="secret" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{curlExample(origin, model.name, effectiveAlias, built.customer)}</pre>
        </section>
      )}

      <BatchPanel projectSlug={projectSlug} canRun={canUseKeys} hasChampion={models.some((m) => m.champion)} />
    </div>
  );
}

function pick(texts: FormTexts, schema: readonly InputFieldDTO[]): FormTexts {
  const out: FormTexts = {};
  for (const f of schema) if (f.name in texts && (f.kind === 'numeric' || !f.levels?.length || f.levels.includes(texts[f.name]) || texts[f.name] === '')) out[f.name] = texts[f.name];
  return out;
}

function PredictionView({ response, ms }: { response: PredictResponseDTO; ms: number }) {
  const p = response.predictions[0];
  if (!p) return <div className="alert alert-error" role="alert">The API returned no prediction.</div>;
  const m = response.model;
  return (
    <div className="stack" style={{ gap: 8 }} data-testid="try-result" data-probability={p.probability} data-label={p.label} data-version={m.version} data-alias={m.alias}>
      <div className="row" style={{ gap: 18, alignItems: 'baseline' }}>
        <div>
          <div className="muted" style={{ fontSize: 12 }}>Churn probability</div>
          <div style={{ fontSize: 24, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }} data-testid="try-probability">{(p.probability * 100).toFixed(1)}%</div>
        </div>
        <div>
          <div className="muted" style={{ fontSize: 12 }}>Label at threshold {m.threshold.toFixed(3)}</div>
          <span className={p.label === 1 ? 'badge badge-failed' : 'badge badge-passed'} data-testid="try-label">{p.label === 1 ? 'churn (1)' : 'stays (0)'}</span>
        </div>
        <div className="muted" style={{ fontSize: 12 }} data-testid="try-model">
          {m.name} v{m.version} · {m.alias} · reasons by {m.reasonsMethod} · {Math.round(ms)} ms round trip
        </div>
      </div>
      {p.reasons.length > 0 && (
        <table className="table" data-testid="try-reasons" style={{ maxWidth: 640 }}>
          <thead><tr><th>Top reasons</th><th>Value</th><th>Effect on churn risk</th><th>Contribution (log-odds)</th></tr></thead>
          <tbody>
            {p.reasons.slice(0, 3).map((r) => (
              <tr key={r.feature} data-testid="try-reason" data-feature={r.feature} data-direction={r.direction}>
                <td><code>{r.feature}</code></td>
                <td>{r.value === null ? <span className="muted">missing</span> : String(r.value)}</td>
                <td style={{ color: r.direction === 'increases' ? 'var(--bad)' : 'var(--ok)' }}>{r.direction === 'increases' ? '▲ increases' : '▼ decreases'}</td>
                <td style={{ fontVariantNumeric: 'tabular-nums' }}>{r.contribution >= 0 ? '+' : ''}{r.contribution.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
