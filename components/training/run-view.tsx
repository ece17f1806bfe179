'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import type { RunDTO } from '@/lib/api/dto';
import { calibrationSpec, importanceSpec, lossSpec, prSpec, rocSpec } from '@/lib/ml/charts/run-specs';
import {
  confusionAtThreshold,
  formatDuration,
  formatMetric,
  formatParam,
  num,
  readCalibration,
  readConfusion,
  readImportance,
  readLift,
  readLoss,
  readPr,
  readRoc,
  scoresOf,
  RUN_METRICS,
} from '@/lib/ml/charts/run-view';

function Panel({ title, testId, children }: { title: string; testId?: string; children: React.ReactNode }) {
  return (
    <section className="card stack" data-testid={testId} aria-label={title}>
      <h3 style={{ margin: 0 }}>{title}</h3>
      {children}
    </section>
  );
}

/** Everything about one training run: metrics, every evaluation chart, params, lineage and artifacts. */
export function RunView({ run, projectSlug }: { run: RunDTO; projectSlug: string }) {
  const slug = encodeURIComponent(projectSlug);
  const roc = useMemo(() => readRoc(run.curves), [run.curves]);
  const pr = useMemo(() => readPr(run.curves), [run.curves]);
  const calibration = useMemo(() => readCalibration(run.curves), [run.curves]);
  const lift = useMemo(() => readLift(run.curves), [run.curves]);
  const loss = useMemo(() => readLoss(run.curves), [run.curves]);
  const importance = useMemo(() => readImportance(run.importance), [run.importance]);
  const totals = useMemo(() => readConfusion(run.metrics), [run.metrics]);
  const prevalence = num(run.metrics.prevalence);

  const rocChart = useMemo(() => (roc ? rocSpec([{ run: run.name, x: roc.fpr, y: roc.tpr }]) : null), [roc, run.name]);
  const prChart = useMemo(() => (pr ? prSpec([{ run: run.name, x: pr.recall, y: pr.precision }], prevalence) : null), [pr, run.name, prevalence]);
  const calChart = useMemo(() => (calibration.length ? calibrationSpec(calibration) : null), [calibration]);
  const lossChart = useMemo(() => (loss.length ? lossSpec(loss) : null), [loss]);
  const impChart = useMemo(() => (importance ? importanceSpec(importance.rows, importance.label, 20) : null), [importance]);

  const [threshold, setThreshold] = useState(() => num(run.metrics.threshold) ?? 0.5);
  const atThreshold = useMemo(() => (roc && totals ? confusionAtThreshold(roc, totals, threshold) : null), [roc, totals, threshold]);
  const scores = atThreshold ? scoresOf(atThreshold) : null;
  const bestF1Threshold = num(run.metrics.bestF1Threshold);
  const lineage = run.lineage;

  return (
    <div className="stack" data-testid="run-view" data-run-id={run.id}>
      <div className="page-head">
        <div>
          <p className="muted" style={{ margin: 0 }}><Link href={`/projects/${slug}`}>← project</Link></p>
          <h1 data-testid="run-name" style={{ margin: '4px 0' }}>{run.name}</h1>
          <p className="muted" style={{ margin: 0 }}>
            <span className="badge">{run.family}</span> · {run.status} · snapshot <strong>{run.snapshotName}</strong> · {run.trainRows.toLocaleString('en-US')} train / {run.testRows.toLocaleString('en-US')} test rows · {formatDuration(run.durationMs)} · {run.createdAt.slice(0, 16).replace('T', ' ')} UTC{run.createdBy ? ` · ${run.createdBy}` : ''}
          </p>
        </div>
        <div className="row">
          <a className="btn" data-testid="artifact-model" href={`/api/runs/${encodeURIComponent(run.id)}/artifacts/model`} download aria-disabled={!run.artifactHash}>Download model</a>
          <a className="btn" data-testid="artifact-transform" href={`/api/runs/${encodeURIComponent(run.id)}/artifacts/transform`} download aria-disabled={!run.transformHash}>Download transform</a>
        </div>
      </div>

      <Panel title="Test-set metrics" testId="run-metrics">
        <MetricTiles metrics={run.metrics} size={20} />
      </Panel>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))' }}>
        <Panel title="ROC" testId="roc-chart">{rocChart ? <VegaChart spec={rocChart} label="ROC curve" /> : <div className="empty">No ROC curve (single-class test set).</div>}</Panel>
        <Panel title="Precision–recall" testId="pr-chart">{prChart ? <VegaChart spec={prChart} label="Precision-recall curve" /> : <div className="empty">No PR curve.</div>}</Panel>
        <Panel title="Calibration" testId="calibration-chart">{calChart ? <VegaChart spec={calChart} label="Calibration curve" /> : <div className="empty">No calibration bins.</div>}</Panel>
        <Panel title="Confusion matrix" testId="confusion-panel">
          {atThreshold && scores ? (
            <>
              <label>
                Threshold: <strong data-testid="threshold-value">{threshold.toFixed(2)}</strong>
                {atThreshold.threshold !== null && Math.abs(atThreshold.threshold - threshold) > 0.005 && <span className="muted"> (nearest stored point {atThreshold.threshold.toFixed(3)})</span>}
                <input type="range" data-testid="threshold-slider" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} style={{ width: '100%' }} />
              </label>
              {bestF1Threshold !== null && (
                <div className="row">
                  <button type="button" className="btn" onClick={() => setThreshold(Math.round(bestF1Threshold * 100) / 100)}>Best-F1 threshold ({bestF1Threshold.toFixed(3)})</button>
                  <button type="button" className="btn" onClick={() => setThreshold(0.5)}>0.5</button>
                </div>
              )}
              <table className="table" data-testid="confusion-matrix" data-tp={atThreshold.tp} data-fp={atThreshold.fp} data-fn={atThreshold.fn} data-tn={atThreshold.tn} style={{ maxWidth: 420 }}>
                <thead>
                  <tr><th /><th>Predicted churn</th><th>Predicted stay</th></tr>
                </thead>
                <tbody>
                  <tr><th>Actual churn</th><td data-cell="tp">TP {atThreshold.tp.toLocaleString('en-US')}</td><td data-cell="fn">FN {atThreshold.fn.toLocaleString('en-US')}</td></tr>
                  <tr><th>Actual stay</th><td data-cell="fp">FP {atThreshold.fp.toLocaleString('en-US')}</td><td data-cell="tn">TN {atThreshold.tn.toLocaleString('en-US')}</td></tr>
                </tbody>
              </table>
              <p className="muted" style={{ margin: 0 }}>
                precision {formatMetric(scores.precision, 3)} · recall {formatMetric(scores.recall, 3)} · F1 {formatMetric(scores.f1, 3)} · accuracy {formatMetric(scores.accuracy, 3)}
              </p>
            </>
          ) : (
            <div className="empty" data-testid="confusion-matrix">No confusion data.</div>
          )}
        </Panel>
        <Panel title="Feature importance" testId="importance-chart">
          {impChart ? <VegaChart spec={impChart} label="Feature importance" /> : <div className="empty">This model family has no importance (only gbdt runs compute SHAP and split gain).</div>}
        </Panel>
        <Panel title="Training loss" testId="run-loss-chart">{lossChart ? <VegaChart spec={lossChart} label="Training loss" /> : <div className="empty">No loss curve recorded.</div>}</Panel>
      </div>

      <Panel title="Lift and gains (by score decile)" testId="lift-table">
        {lift.length ? (
          <table className="table">
            <thead>
              <tr><th>Decile</th><th>Rows</th><th>Positives</th><th>Rate</th><th>Lift</th><th>Cumulative gain</th><th>Cumulative lift</th><th>Scores</th></tr>
            </thead>
            <tbody>
              {lift.map((r) => (
                <tr key={r.bin}>
                  <td>{r.bin}</td><td>{r.count}</td><td>{r.positives}</td><td>{formatMetric(r.rate, 3)}</td><td>{formatMetric(r.lift, 2)}</td>
                  <td>{Number.isFinite(r.cumulativeGain) ? `${(r.cumulativeGain * 100).toFixed(1)}%` : '—'}</td><td>{formatMetric(r.cumulativeLift, 2)}</td>
                  <td className="muted">{formatMetric(r.minScore, 3)}–{formatMetric(r.maxScore, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className="empty">No lift table.</div>
        )}
      </Panel>

      <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))' }}>
        <Panel title="Parameters" testId="run-params">
          <table className="table">
            <tbody>
              {Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => (
                <tr key={k}><th><code>{k}</code></th><td><code>{formatParam(v)}</code></td></tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Lineage" testId="run-lineage">
          <table className="table">
            <tbody>
              <tr><th>Snapshot</th><td><Link href={`/projects/${slug}/data/${encodeURIComponent(run.snapshotId)}`}>{run.snapshotName}</Link> <code title={String(lineage.snapshotHash ?? '')}>{String(lineage.snapshotHash ?? '—').slice(0, 16)}</code></td></tr>
              <tr><th>Feature spec</th><td>{lineage.featureSpecVersion != null ? `v${formatParam(lineage.featureSpecVersion)}` : run.featureSpecVersion != null ? `v${run.featureSpecVersion}` : 'default'}</td></tr>
              <tr>
                <th>Validation</th>
                <td>
                  {typeof lineage.validationRunId === 'string' ? <Link href={`/projects/${slug}/validations/${encodeURIComponent(lineage.validationRunId)}`}>run {lineage.validationRunId.slice(0, 10)}</Link> : 'none'}
                  {lineage.suiteVersion != null && <span className="muted"> · suite v{formatParam(lineage.suiteVersion)}</span>}
                  {lineage.overrideId != null && <span className="badge badge-stale" style={{ marginLeft: 6 }}>overridden</span>}
                </td>
              </tr>
              <tr><th>Split</th><td><code>{formatParam(lineage.split ?? null)}</code></td></tr>
              <tr><th>Code version</th><td><code>{formatParam(lineage.codeVersion ?? null)}</code></td></tr>
              <tr><th>Model artifact</th><td><code>{run.artifactHash?.slice(0, 16) ?? '—'}</code></td></tr>
              <tr><th>Job</th><td><code>{run.jobId ?? '—'}</code></td></tr>
            </tbody>
          </table>
          {run.log && <pre className="muted" style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>{run.log}</pre>}
        </Panel>
      </div>
    </div>
  );
}

/** The run's test-set metrics as tiles (RUN_METRICS order), shared by the run page and the model card. */
export function MetricTiles({ metrics, size }: { metrics: Record<string, unknown>; size: number }) {
  return (
    <div className="row" style={{ flexWrap: 'wrap', gap: 18 }}>
      {RUN_METRICS.filter((m) => m.key in metrics).map((m) => (
        <div key={m.key} data-metric={m.key}>
          <div className="muted" style={{ fontSize: 12 }}>{m.label}</div>
          <div style={{ fontSize: size, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{formatMetric(metrics[m.key])}</div>
        </div>
      ))}
    </div>
  );
}
