'use client';

import { useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import type { DriftReportDTO } from '@/lib/api/dto';
import { METHOD, num, pct, PsiBadge, Verdict } from './monitor-format';
import { distributionSpec, driftOverTimeSpec } from './monitor-specs';

export interface DriftSectionProps {
  canEdit: boolean;
  /** newest first */
  reports: DriftReportDTO[];
  snapshots: { id: string; name: string }[];
  batches: { id: string; batchDate: string; modelVersion: number }[];
  busy: boolean;
  /** runs a report against `batch:<id>` or `snapshot:<id>` */
  onRun: (subject: string) => Promise<boolean>;
}

/**
 * The latest drift report per feature (statistic, p-value, PSI, verdicts), the reference vs current distribution
 * of the selected feature and of the predictions, and PSI per feature over the reports.
 */
export function DriftSection({ canEdit, reports, snapshots, batches, busy, onRun }: DriftSectionProps) {
  const [subject, setSubject] = useState<string>(batches[0] ? `batch:${batches[0].id}` : snapshots[0] ? `snapshot:${snapshots[0].id}` : '');
  const [selected, setSelected] = useState<string | null>(null);
  const latest = reports[0] ?? null;
  const feature = latest?.features.find((f) => f.name === selected) ?? latest?.features.find((f) => f.drifted) ?? latest?.features[0] ?? null;

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

  const run = async () => {
    if (subject && (await onRun(subject))) setSelected(null);
  };

  return (
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
            <button className="btn btn-primary" onClick={() => void run()} disabled={busy || !subject}>
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
  );
}
