'use client';

import { useCallback, useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import { apiFetch } from '@/components/ui/api-fetch';
import type { AlertDTO, AlertRuleDTO, DriftReportDTO, FeatureDriftDTO, SloSummaryDTO } from '@/lib/api/dto';
import { calibrationSpec, decileSpec, distributionSpec, driftOverTimeSpec, trafficSpec } from './monitor-specs';

export interface MonitorCellProps {
  projectSlug: string;
  /** scientist and above: run drift, edit rules, acknowledge and silence alerts */
  canEdit: boolean;
  /** newest first (listDriftReports) */
  initialReports: DriftReportDTO[];
  initialAlerts: AlertDTO[];
  initialRules: AlertRuleDTO[];
  initialSlo: SloSummaryDTO | null;
  /** what drift can run against */
  snapshots: { id: string; name: string }[];
  batches: { id: string; batchDate: string; modelVersion: number }[];
}

interface FalseAlarmView {
  trials: number;
  batchSize: number;
  features: { name: string; method: string; fireRate: number; psiActRate: number }[];
  datasetDriftRate: number;
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)} %`;
const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(3));
const METHOD: Record<FeatureDriftDTO['method'], string> = { ks: 'KS', wasserstein: 'normed Wasserstein', chisquare: 'chi²', jensenshannon: 'Jensen–Shannon' };

function Verdict({ f }: { f: FeatureDriftDTO }) {
  return <span className={`badge ${f.drifted ? 'badge-failed' : 'badge-passed'}`}>{f.drifted ? 'drift' : 'ok'}</span>;
}

function PsiBadge({ v, verdict }: { v: number; verdict: FeatureDriftDTO['psiVerdict'] }) {
  return <span className={`badge ${verdict === 'act' ? 'badge-failed' : verdict === 'watch' ? 'badge-stale' : 'badge-passed'}`}>{v.toFixed(3)} {verdict}</span>;
}

/**
 * The notebook's Monitor cell: the latest drift report per feature (statistic, p-value, PSI, verdicts, reference
 * vs current distribution), PSI over reports, the prediction API's SLOs (availability and latency, error budget,
 * burn rates, traffic and errors, predictions by decile), the alert inbox and the alert rules with a false-alarm
 * check.
 */
export function MonitorCell({ projectSlug, canEdit, initialReports, initialAlerts, initialRules, initialSlo, snapshots, batches }: MonitorCellProps) {
  const slug = encodeURIComponent(projectSlug);
  const base = `/api/projects/${slug}/monitor`;
  const [reports, setReports] = useState(initialReports);
  const [alerts, setAlerts] = useState(initialAlerts);
  const [rules, setRules] = useState(initialRules);
  const [slo, setSlo] = useState(initialSlo);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the clock silences are compared against, advanced whenever the inbox changes (render stays pure)
  const [now, setNow] = useState(() => Date.now());
  const [subject, setSubject] = useState<string>(batches[0] ? `batch:${batches[0].id}` : snapshots[0] ? `snapshot:${snapshots[0].id}` : '');
  const latest = reports[0] ?? null;
  const [selected, setSelected] = useState<string | null>(null);
  const feature = latest?.features.find((f) => f.name === selected) ?? latest?.features.find((f) => f.drifted) ?? latest?.features[0] ?? null;

  const refresh = useCallback(async () => {
    const [r, a, s] = await Promise.all([apiFetch<{ reports: DriftReportDTO[] }>(`${base}/reports`), apiFetch<{ alerts: AlertDTO[] }>(`${base}/alerts`), apiFetch<SloSummaryDTO>(`${base}/slo`)]);
    if (r.ok) setReports(r.data.reports);
    if (a.ok) setAlerts(a.data.alerts);
    if (s.ok) setSlo(s.data);
    setNow(Date.now());
    const bad = [r, a, s].find((x) => !x.ok);
    setError(bad && !bad.ok ? bad.error : null);
  }, [base]);

  const runDrift = async () => {
    if (!subject) return;
    setBusy(true);
    const [kind, id] = subject.split(':');
    const res = await apiFetch<DriftReportDTO>(`${base}/reports`, { method: 'POST', body: kind === 'batch' ? { batchId: id } : { snapshotId: id } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setSelected(null);
    await refresh();
  };

  const alertAction = async (id: string, body: { action: 'acknowledge' | 'resolve' } | { action: 'silence'; minutes: number }) => {
    const res = await apiFetch<AlertDTO>(`${base}/alerts/${encodeURIComponent(id)}`, { method: 'POST', body });
    if (!res.ok) return setError(res.error);
    setAlerts((xs) => xs.map((x) => (x.id === id ? res.data : x)));
  };

  const overTime = useMemo(
    () =>
      driftOverTimeSpec(
        reports
          .slice()
          .reverse()
          .flatMap((r) => r.features.map((f) => ({ createdAt: r.createdAt, feature: f.name, psi: f.psi }))),
      ),
    [reports],
  );
  const distSpec = useMemo(() => (feature ? distributionSpec(feature) : null), [feature]);
  const predSpec = useMemo(() => (latest?.summary.prediction ? distributionSpec(latest.summary.prediction) : null), [latest]);
  const traffic = useMemo(() => (slo && slo.series.length ? trafficSpec(slo.series) : null), [slo]);
  const deciles = useMemo(() => (slo && slo.deciles.length ? decileSpec(slo.deciles) : null), [slo]);

  return (
    <div className="stack" data-testid="monitor-cell">
      {error && <div className="alert alert-error">{error}</div>}

      <section className="card stack" aria-labelledby="drift-h">
        <div className="row">
          <h3 id="drift-h">Data and prediction drift</h3>
          {canEdit && (
            <span className="row">
              <label>
                against{' '}
                <select value={subject} onChange={(e) => setSubject(e.target.value)} aria-label="drift subject">
                  {batches.map((b) => (
                    <option key={b.id} value={`batch:${b.id}`}>
                      batch {b.batchDate} (v{b.modelVersion})
                    </option>
                  ))}
                  {snapshots.map((s) => (
                    <option key={s.id} value={`snapshot:${s.id}`}>
                      snapshot {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button className="btn btn-primary" onClick={runDrift} disabled={busy || !subject}>
                {busy ? 'Computing…' : 'Run drift report'}
              </button>
            </span>
          )}
        </div>
        {!latest && <p className="muted">No drift report yet. Reports compare the champion’s training rows with a snapshot or a scoring batch.</p>}
        {latest && (
          <>
            <p>
              {latest.modelName} v{latest.modelVersion} vs {latest.subjectKind} <code>{latest.subjectId}</code> · {new Date(latest.createdAt).toLocaleString()} ·{' '}
              <strong>
                {latest.summary.drifted} of {latest.summary.features} features drift ({pct(latest.summary.share, 0)})
              </strong>{' '}
              <span className={`badge ${latest.summary.datasetDrift ? 'badge-failed' : 'badge-passed'}`}>{latest.summary.datasetDrift ? 'dataset drift' : 'no dataset drift'}</span>
              {latest.summary.prediction && (
                <>
                  {' '}
                  · prediction: <Verdict f={latest.summary.prediction} />
                </>
              )}
            </p>
            <table className="table" aria-label="drift per feature">
              <thead>
                <tr>
                  <th>feature</th>
                  <th>kind</th>
                  <th>test</th>
                  <th>statistic</th>
                  <th>p-value</th>
                  <th>threshold</th>
                  <th>PSI</th>
                  <th>JS</th>
                  <th>verdict</th>
                </tr>
              </thead>
              <tbody>
                {[...latest.features, ...(latest.summary.prediction ? [latest.summary.prediction] : [])].map((f) => (
                  <tr key={f.name} onClick={() => setSelected(f.name)} style={{ cursor: 'pointer', fontWeight: feature?.name === f.name ? 600 : undefined }}>
                    <td>{f.name}</td>
                    <td>{f.kind}</td>
                    <td>{METHOD[f.method]}</td>
                    <td>{num(f.statistic)}</td>
                    <td>{num(f.pValue)}</td>
                    <td>
                      {f.pValue === null ? '≥' : 'p <'} {f.threshold}
                    </td>
                    <td>
                      <PsiBadge v={f.psi} verdict={f.psiVerdict} />
                    </td>
                    <td>{num(f.stats.js)}</td>
                    <td>
                      <Verdict f={f} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">
              Reference ≤ {String(latest.settings.smallReferenceRows ?? 1000)} rows: KS / chi² at p &lt; {String(latest.settings.pValue ?? 0.05)}; above: normed Wasserstein ≥ {String(latest.settings.wassersteinThreshold ?? 0.1)} / Jensen–Shannon ≥ {String(latest.settings.jensenShannonThreshold ?? 0.1)}. PSI on 10 quantile bins of the reference: 0.1 watch, 0.2 act.
            </p>
            <div className="grid">
              {distSpec && feature && <VegaChart spec={distSpec} label={`reference vs current distribution of ${feature.name}`} />}
              {predSpec && <VegaChart spec={predSpec} label="reference vs current prediction distribution" />}
            </div>
            {reports.length > 1 && <VegaChart spec={overTime} label="PSI per feature over drift reports" />}
          </>
        )}
      </section>

      {canEdit && batches.length > 0 && <RealizedSection base={base} batches={batches} snapshots={snapshots} setError={setError} />}

      <SloSection slo={slo} traffic={traffic} deciles={deciles} />

      <section className="card stack" aria-labelledby="alerts-h">
        <div className="row">
          <h3 id="alerts-h">Alerts</h3>
          <button className="btn" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
        {alerts.length === 0 && <p className="muted">No alerts.</p>}
        {alerts.length > 0 && (
          <table className="table" aria-label="alert inbox">
            <thead>
              <tr>
                <th>severity</th>
                <th>alert</th>
                <th>status</th>
                <th>seen</th>
                <th>webhook</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => {
                const silenced = a.silencedUntil && new Date(a.silencedUntil).getTime() > now;
                return (
                  <tr key={a.id}>
                    <td>
                      <span className={`badge ${a.severity === 'critical' ? 'badge-failed' : a.severity === 'warning' ? 'badge-stale' : ''}`}>{a.severity}</span>
                    </td>
                    <td>
                      {a.title}
                      <div className="muted">{new Date(a.updatedAt).toLocaleString()}</div>
                    </td>
                    <td>
                      {a.status}
                      {silenced && <div className="muted">silenced until {new Date(a.silencedUntil!).toLocaleTimeString()}</div>}
                    </td>
                    <td>{a.occurrences}×</td>
                    <td title={a.lastDeliveryError ?? undefined}>
                      {a.delivery}
                      {a.deliveryTries > 0 && ` (${a.deliveryTries} tries)`}
                    </td>
                    <td>
                      {canEdit && a.status === 'open' && (
                        <button className="btn" onClick={() => void alertAction(a.id, { action: 'acknowledge' })}>
                          Acknowledge
                        </button>
                      )}
                      {canEdit && a.status !== 'resolved' && (
                        <button className="btn" onClick={() => void alertAction(a.id, silenced ? { action: 'silence', minutes: 0 } : { action: 'silence', minutes: 60 })}>
                          {silenced ? 'Unsilence' : 'Silence 1 h'}
                        </button>
                      )}
                      {canEdit && a.status !== 'resolved' && (
                        <button className="btn" onClick={() => void alertAction(a.id, { action: 'resolve' })}>
                          Resolve
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <RulesSection base={base} canEdit={canEdit} rules={rules} setRules={setRules} setError={setError} defaultBatch={latest?.features[0]?.currentRows ?? 1000} />
    </div>
  );
}

function SloSection({ slo, traffic, deciles }: { slo: SloSummaryDTO | null; traffic: ReturnType<typeof trafficSpec> | null; deciles: ReturnType<typeof decileSpec> | null }) {
  if (!slo) return null;
  const rows = [
    { name: `availability (target ${pct(slo.targets.availability, 2)})`, s: slo.availability, extra: `${slo.availability.total - slo.availability.bad} / ${slo.availability.total} good` },
    { name: `latency ≤ ${slo.targets.latencyThresholdMs} ms (target ${pct(slo.targets.latencyTarget, 0)})`, s: slo.latency, extra: `p50 ${slo.latency.p50Ms?.toFixed(1) ?? '—'} ms · p95 ${slo.latency.p95Ms?.toFixed(1) ?? '—'} ms` },
  ];
  return (
    <section className="card stack" aria-labelledby="slo-h">
      <h3 id="slo-h">Prediction API SLOs (30 days)</h3>
      <table className="table" aria-label="SLO status">
        <thead>
          <tr>
            <th>objective</th>
            <th>SLI</th>
            <th>error budget left</th>
            <th>burn 1 h / 5 min</th>
            <th>burn 6 h / 30 min</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, s, extra }) => (
            <tr key={name}>
              <td>{name}</td>
              <td>
                {s.total ? pct(s.ratio, 3) : 'no traffic'}
                <div className="muted">{extra}</div>
              </td>
              <td>
                <span className={`badge ${s.budgetRemaining < 0 ? 'badge-failed' : s.budgetRemaining < 0.25 ? 'badge-stale' : 'badge-passed'}`}>{pct(s.budgetRemaining, 1)}</span>
              </td>
              {s.burn.map((b) => (
                <td key={b.window}>
                  <span className={`badge ${b.firing ? 'badge-failed' : 'badge-passed'}`}>
                    {b.longBurn.toFixed(2)}× / {b.shortBurn.toFixed(2)}×
                  </span>{' '}
                  <span className="muted">alert ≥ {b.threshold}×</span>
                </td>
              ))}
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid">
        {traffic ? <VegaChart spec={traffic} label="requests, errors and p95 latency per minute" /> : <p className="muted">No prediction traffic recorded yet.</p>}
        {deciles && <VegaChart spec={deciles} label="predictions by probability decile" />}
      </div>
    </section>
  );
}

function RulesSection({ base, canEdit, rules, setRules, setError, defaultBatch }: { base: string; canEdit: boolean; rules: AlertRuleDTO[]; setRules: (f: (r: AlertRuleDTO[]) => AlertRuleDTO[]) => void; setError: (e: string | null) => void; defaultBatch: number }) {
  const [kind, setKind] = useState('drift');
  const [webhook, setWebhook] = useState('');
  const [on, setOn] = useState('dataset');
  const [batchSize, setBatchSize] = useState(String(defaultBatch));
  const [wass, setWass] = useState('0.1');
  const [check, setCheck] = useState<FalseAlarmView | null>(null);
  const [checking, setChecking] = useState(false);

  const settings = () => (Number(wass) > 0 ? { wassersteinThreshold: Number(wass), jensenShannonThreshold: Math.min(1, Number(wass)) } : {});
  const add = async () => {
    const params = kind === 'drift' ? { on, settings: settings() } : {};
    const res = await apiFetch<AlertRuleDTO>(`${base}/rules`, { method: 'POST', body: { kind, params, webhookUrl: webhook.trim() || null } });
    if (!res.ok) return setError(res.error);
    setRules((r) => [...r, res.data]);
  };
  const toggle = async (r: AlertRuleDTO) => {
    const res = await apiFetch<AlertRuleDTO>(`${base}/rules/${encodeURIComponent(r.id)}`, { method: 'PATCH', body: { enabled: !r.enabled } });
    if (!res.ok) return setError(res.error);
    setRules((xs) => xs.map((x) => (x.id === r.id ? res.data : x)));
  };
  const falseAlarms = async () => {
    setChecking(true);
    const res = await apiFetch<FalseAlarmView>(`${base}/false-alarms`, { method: 'POST', body: { batchSize: Math.max(10, Math.round(Number(batchSize) || 1000)), trials: 50, settings: settings() } });
    setChecking(false);
    if (!res.ok) return setError(res.error);
    setCheck(res.data);
  };

  return (
    <section className="card stack" aria-labelledby="rules-h">
      <h3 id="rules-h">Alert rules</h3>
      {rules.length === 0 && <p className="muted">No rules: nothing raises alerts yet.</p>}
      {rules.length > 0 && (
        <table className="table" aria-label="alert rules">
          <thead>
            <tr>
              <th>kind</th>
              <th>parameters</th>
              <th>webhook</th>
              <th>enabled</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{r.kind}</td>
                <td>
                  <code>{JSON.stringify(r.params)}</code>
                </td>
                <td>{r.webhookUrl ? new URL(r.webhookUrl).host : '—'}</td>
                <td>
                  <input type="checkbox" checked={r.enabled} disabled={!canEdit} onChange={() => void toggle(r)} aria-label={`${r.kind} rule enabled`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="stack">
          <div className="row">
            <label>
              kind{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="drift">drift</option>
                <option value="job_failure">job failure</option>
                <option value="validation_failure">validation failure</option>
                <option value="slo_burn">SLO burn rate</option>
              </select>
            </label>
            {kind === 'drift' && (
              <>
                <label>
                  fires on{' '}
                  <select value={on} onChange={(e) => setOn(e.target.value)}>
                    <option value="dataset">dataset drift (≥ 50 % of features)</option>
                    <option value="any_feature">any feature</option>
                    <option value="prediction">prediction drift</option>
                  </select>
                </label>
                <label>
                  distance threshold <input value={wass} onChange={(e) => setWass(e.target.value)} size={5} inputMode="decimal" />
                </label>
              </>
            )}
            <label>
              Slack-compatible webhook <input value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://hooks.slack.com/…" size={32} />
            </label>
            <button className="btn btn-primary" onClick={() => void add()}>
              Add rule
            </button>
          </div>
          {kind === 'drift' && (
            <div className="row">
              <label>
                batch size <input value={batchSize} onChange={(e) => setBatchSize(e.target.value)} size={7} inputMode="numeric" />
              </label>
              <button className="btn" onClick={() => void falseAlarms()} disabled={checking}>
                {checking ? 'Resampling…' : 'False-alarm check'}
              </button>
              <span className="muted">resamples the training reference at this size 50 times: how often would the rule fire on unchanged data?</span>
            </div>
          )}
          {check && (
            <table className="table" aria-label="false-alarm check">
              <thead>
                <tr>
                  <th>feature</th>
                  <th>test</th>
                  <th>fires on unchanged data</th>
                  <th>PSI ≥ act</th>
                </tr>
              </thead>
              <tbody>
                {check.features.map((f) => (
                  <tr key={f.name}>
                    <td>{f.name}</td>
                    <td>{f.method}</td>
                    <td>
                      <span className={`badge ${f.fireRate > 0.1 ? 'badge-failed' : f.fireRate > 0.05 ? 'badge-stale' : 'badge-passed'}`}>{pct(f.fireRate, 0)}</span>
                    </td>
                    <td>{pct(f.psiActRate, 0)}</td>
                  </tr>
                ))}
                <tr>
                  <td colSpan={2}>dataset drift</td>
                  <td>{pct(check.datasetDriftRate, 0)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

interface RealizedView {
  matched: number;
  positives: number;
  rocAuc: number | null;
  trainingAuc: number | null;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  calibration: { meanPredicted: number; fractionPositive: number; count: number }[];
  alertsRaised: number;
}

/** Realized performance of a scoring batch once outcomes arrive in a later snapshot (evaluates AUC-drop rules). */
function RealizedSection({ base, batches, snapshots, setError }: { base: string; batches: MonitorCellProps['batches']; snapshots: MonitorCellProps['snapshots']; setError: (e: string | null) => void }) {
  const [batchId, setBatchId] = useState(batches[0]?.id ?? '');
  const [outcomeId, setOutcomeId] = useState(snapshots[0]?.id ?? '');
  const [result, setResult] = useState<RealizedView | null>(null);
  const [busy, setBusy] = useState(false);
  const spec = useMemo(() => (result ? calibrationSpec(result.calibration) : null), [result]);
  const run = async () => {
    setBusy(true);
    const res = await apiFetch<RealizedView>(`${base}/realized`, { method: 'POST', body: { batchId, outcomeSnapshotId: outcomeId } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setResult(res.data);
  };
  return (
    <section className="card stack" aria-labelledby="realized-h">
      <h3 id="realized-h">Realized performance</h3>
      <div className="row">
        <label>
          batch{' '}
          <select value={batchId} onChange={(e) => setBatchId(e.target.value)}>
            {batches.map((b) => (
              <option key={b.id} value={b.id}>
                {b.batchDate} (v{b.modelVersion})
              </option>
            ))}
          </select>
        </label>
        <label>
          outcomes in snapshot{' '}
          <select value={outcomeId} onChange={(e) => setOutcomeId(e.target.value)}>
            {snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button className="btn" onClick={() => void run()} disabled={busy || !batchId || !outcomeId}>
          {busy ? 'Computing…' : 'Compute'}
        </button>
      </div>
      {result && (
        <>
          <p>
            {result.matched} customers with outcomes ({result.positives} churned) · ROC AUC <strong>{num(result.rocAuc)}</strong> (training {num(result.trainingAuc)}) · at threshold {result.threshold.toFixed(3)}: precision {num(result.precision)}, recall {num(result.recall)}, F1 {num(result.f1)}
            {result.alertsRaised > 0 && <span className="badge badge-failed"> AUC-drop alert raised</span>}
          </p>
          {spec && <VegaChart spec={spec} label="calibration of realized outcomes" />}
        </>
      )}
    </section>
  );
}
