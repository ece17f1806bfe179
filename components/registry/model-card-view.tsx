'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import type { InputFieldDTO, ModelCardDTO } from '@/lib/api/dto';
import { calibrationSpec, importanceSpec, prSpec, rocSpec } from '@/lib/ml/charts/run-specs';
import { confusionAtThreshold, formatMetric, formatParam, num, readCalibration, readConfusion, readImportance, readPr, readRoc, scoresOf } from '@/lib/ml/charts/run-view';
import { MetricTiles } from '@/components/training/run-view';
import { AuditTrail } from './audit-trail';
import { ALIAS_BADGE, formatTime, modelHref, runHref } from './format';

function Panel({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section className="card stack" data-testid={testId} aria-label={title}>
      <h3 style={{ margin: 0 }}>{title}</h3>
      {children}
    </section>
  );
}

const PROMOTING = new Set(['alias_set', 'request_approved', 'auto_promoted']);

const VALIDATION_BADGE: Record<string, string> = { passed: 'badge badge-passed', overridden: 'badge badge-stale', failed: 'badge badge-failed' };

export function fieldRange(f: InputFieldDTO): string {
  if (f.kind === 'categorical') return f.levels?.length ? f.levels.slice(0, 12).join(', ') + (f.levels.length > 12 ? ` … (${f.levels.length})` : '') : 'any text';
  if (f.min !== undefined && f.max !== undefined) return `${formatMetric(f.min, 4)} – ${formatMetric(f.max, 4)}`;
  return 'any number';
}

/** The model card of one version: data, validation, features, params, metrics, curves, importance, approvals. */
export function ModelCardView({ card, projectSlug }: { card: ModelCardDTO; projectSlug: string }) {
  const { model, version: v, run, inputSchema, features, transitions } = card;
  const slug = encodeURIComponent(projectSlug);
  const roc = useMemo(() => readRoc(run.curves), [run.curves]);
  const pr = useMemo(() => readPr(run.curves), [run.curves]);
  const calibration = useMemo(() => readCalibration(run.curves), [run.curves]);
  const importance = useMemo(() => readImportance(run.importance), [run.importance]);
  const totals = useMemo(() => readConfusion(run.metrics), [run.metrics]);
  const prevalence = num(run.metrics.prevalence);
  const rocChart = useMemo(() => (roc ? rocSpec([{ run: run.name, x: roc.fpr, y: roc.tpr }]) : null), [roc, run.name]);
  const prChart = useMemo(() => (pr ? prSpec([{ run: run.name, x: pr.recall, y: pr.precision }], prevalence) : null), [pr, run.name, prevalence]);
  const calChart = useMemo(() => (calibration.length ? calibrationSpec(calibration) : null), [calibration]);
  const impChart = useMemo(() => (importance ? importanceSpec(importance.rows, importance.label, 20) : null), [importance]);
  const atThreshold = roc && totals ? confusionAtThreshold(roc, totals, v.threshold) : null;
  const scores = atThreshold ? scoresOf(atThreshold) : null;
  const promotions = transitions.filter((t) => t.toVersion === v.version && PROMOTING.has(t.action));
  const mine = transitions.filter((t) => t.toVersion === v.version || t.fromVersion === v.version);
  const lineage = run.lineage;
  const inputs = inputSchema.filter((f) => f.use === 'input');
  const others = inputSchema.filter((f) => f.use !== 'input');

  return (
    <div className="stack" data-testid="model-card" data-model={model.name} data-version={v.version}>
      <div className="page-head">
        <div>
          <p className="muted" style={{ margin: 0 }}><Link href={modelHref(projectSlug, model.name)}>← {model.name}</Link></p>
          <h1 data-testid="card-title" style={{ margin: '4px 0' }}>{model.name} v{v.version}</h1>
          <p className="muted" style={{ margin: 0 }}>
            <span className="badge">{v.family}</span> · run <Link href={runHref(projectSlug, v.runId)}>{v.runName}</Link> · threshold <strong data-testid="card-threshold">{v.threshold.toFixed(3)}</strong>
          </p>
        </div>
        <div className="row">
          {v.aliases.length ? v.aliases.map((a) => <span key={a} className={ALIAS_BADGE[a]} data-testid={`alias-${a}`}>{a}</span>) : <span className="badge">no alias</span>}
        </div>
      </div>

      <Panel title="Accountability" testId="card-people">
        <table className="table">
          <tbody>
            <tr><th>Registered</th><td data-testid="card-registered-by">{v.registeredBy ?? 'unknown'} · {formatTime(v.createdAt)}{v.note && <> · “{v.note}”</>}</td></tr>
            <tr>
              <th>Approved</th>
              <td data-testid="card-approved-by">
                {promotions.length === 0 ? (
                  <span className="muted">not promoted yet</span>
                ) : (
                  promotions.map((t) => (
                    <div key={t.id}>
                      {t.alias ?? 'alias'} by <strong>{t.actor ?? 'system'}</strong> · {formatTime(t.createdAt)}{t.reason && <> · “{t.reason}”</>}
                    </div>
                  ))
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </Panel>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))' }}>
        <Panel title="Data" testId="card-data">
          <table className="table">
            <tbody>
              <tr><th>Snapshot</th><td><Link href={`/projects/${slug}/data/${encodeURIComponent(v.snapshotId)}`}>{v.snapshotName}</Link> <code title={String(lineage.snapshotHash ?? '')}>{String(lineage.snapshotHash ?? '').slice(0, 16)}</code></td></tr>
              <tr><th>Rows</th><td>{run.trainRows.toLocaleString('en-US')} train / {run.testRows.toLocaleString('en-US')} test <span className="muted">· split <code>{formatParam(lineage.split ?? null)}</code></span></td></tr>
              <tr>
                <th>Validation</th>
                <td data-testid="card-validation" data-state={v.validationState ?? ''}>
                  <span className={VALIDATION_BADGE[v.validationState ?? ''] ?? 'badge'}>{v.validationState ?? 'not validated'}</span>
                  {typeof lineage.validationRunId === 'string' && <> <Link href={`/projects/${slug}/validations/${encodeURIComponent(lineage.validationRunId)}`}>report</Link></>}
                  {lineage.suiteVersion != null && <span className="muted"> · suite v{formatParam(lineage.suiteVersion)}</span>}
                </td>
              </tr>
              <tr><th>Feature spec</th><td>{v.featureSpecVersion != null ? `v${v.featureSpecVersion}` : 'default'}</td></tr>
              <tr><th>Code version</th><td><code>{formatParam(lineage.codeVersion ?? null)}</code></td></tr>
              <tr><th>Artifacts</th><td><code>{run.artifactHash?.slice(0, 16) ?? '—'}</code> model · <code>{run.transformHash?.slice(0, 16) ?? '—'}</code> transform</td></tr>
            </tbody>
          </table>
        </Panel>
        <Panel title="Metrics (test set)" testId="card-metrics">
          <MetricTiles metrics={run.metrics} size={18} />
          {atThreshold && scores && (
            <p className="muted" style={{ margin: 0 }} data-testid="card-at-threshold">
              At the decision threshold {v.threshold.toFixed(3)}: precision {formatMetric(scores.precision, 3)} · recall {formatMetric(scores.recall, 3)} · F1 {formatMetric(scores.f1, 3)} · TP {atThreshold.tp} · FP {atThreshold.fp} · FN {atThreshold.fn} · TN {atThreshold.tn}
            </p>
          )}
        </Panel>
      </div>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))' }}>
        <Panel title="ROC" testId="roc-chart">{rocChart ? <VegaChart spec={rocChart} label="ROC curve" /> : <div className="empty">No ROC curve.</div>}</Panel>
        <Panel title="Precision–recall" testId="pr-chart">{prChart ? <VegaChart spec={prChart} label="Precision-recall curve" /> : <div className="empty">No PR curve.</div>}</Panel>
        <Panel title="Calibration" testId="calibration-chart">{calChart ? <VegaChart spec={calChart} label="Calibration curve" /> : <div className="empty">No calibration bins.</div>}</Panel>
        <Panel title="Feature importance" testId="importance-chart">{impChart ? <VegaChart spec={impChart} label="Feature importance" /> : <div className="empty">This model family has no importance.</div>}</Panel>
      </div>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))' }}>
        <Panel title={`Features (${features.length})`} testId="card-features">
          {features.length === 0 ? (
            <div className="empty">No feature list recorded.</div>
          ) : (
            <div style={{ maxHeight: 480, overflowY: 'auto' }}>
            <table className="table">
              <thead><tr><th>Model feature</th><th>← input fields</th></tr></thead>
              <tbody>
                {features.map((f) => (
                  <tr key={f.name} data-feature={f.name}><td><code>{f.name}</code></td><td>{f.sources.length ? f.sources.map((s) => <code key={s} style={{ marginRight: 6 }}>{s}</code>) : <span className="muted">—</span>}</td></tr>
                ))}
              </tbody>
            </table>
            </div>
          )}
        </Panel>
        <Panel title={`Input schema (${inputs.length} inputs)`} testId="card-input-schema">
          <table className="table">
            <thead><tr><th>Field</th><th>Kind</th><th>Use</th><th>Seen in training</th></tr></thead>
            <tbody>
              {[...inputs, ...others].map((f) => (
                <tr key={f.name} data-field={f.name} data-use={f.use}>
                  <td><code>{f.name}</code></td><td>{f.kind}</td><td>{f.use === 'input' ? 'input' : <span className="muted">{f.use}</span>}</td><td className="muted" style={{ fontSize: 12 }}>{fieldRange(f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>

      <Panel title="Parameters" testId="card-params">
        <table className="table">
          <tbody>
            {Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b)).map(([k, val]) => (
              <tr key={k}><th><code>{k}</code></th><td><code>{formatParam(val)}</code></td></tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel title="Transitions of this version" testId="card-transitions">
        <AuditTrail transitions={mine} emptyText="No transitions of this version yet." />
      </Panel>
    </div>
  );
}
