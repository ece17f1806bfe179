'use client';

import { useMemo, useState } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import { apiFetch } from '@/components/ui/api-fetch';
import { latestPerBatch, latestRealized, type RealizedPerformanceDTO } from '@/lib/monitoring/realized';
import { num } from './monitor-format';
import { calibrationSpec, realizedOverTimeSpec } from './monitor-specs';

export interface RealizedSectionProps {
  base: string;
  canEdit: boolean;
  /** stored rows, oldest batch first (GET …/monitor/realized) */
  realized: RealizedPerformanceDTO[];
  batches: { id: string; batchDate: string; modelVersion: number }[];
  snapshots: { id: string; name: string }[];
  setError: (e: string | null) => void;
  /** re-reads the stored rows after an on-demand computation */
  onComputed: () => Promise<void>;
}

/**
 * Realized performance: ROC AUC per scoring batch over time against the training AUC (rows are stored when churn
 * outcomes arrive in a later snapshot, or computed here on demand), and the latest row's precision/recall at the
 * threshold and calibration.
 */
export function RealizedSection({ base, canEdit, realized, batches, snapshots, setError, onComputed }: RealizedSectionProps) {
  const [batchId, setBatchId] = useState(batches[0]?.id ?? '');
  const [outcomeId, setOutcomeId] = useState(snapshots[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [alertsRaised, setAlertsRaised] = useState(0);
  const points = useMemo(() => latestPerBatch(realized), [realized]);
  const latest = useMemo(() => latestRealized(realized), [realized]);
  const overTime = useMemo(() => (points.some((p) => p.rocAuc !== null) ? realizedOverTimeSpec(points) : null), [points]);
  const calibration = useMemo(() => (latest && latest.calibration.length ? calibrationSpec(latest.calibration) : null), [latest]);

  const run = async () => {
    setBusy(true);
    const res = await apiFetch<RealizedPerformanceDTO & { alertsRaised: number }>(`${base}/realized`, { method: 'POST', body: { batchId, outcomeSnapshotId: outcomeId } });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setAlertsRaised(res.data.alertsRaised);
    await onComputed();
  };

  if (realized.length === 0 && !(canEdit && batches.length > 0)) return null;
  return (
    <section className="card stack" aria-labelledby="realized-h">
      <h3 id="realized-h">Realized performance</h3>
      {realized.length === 0 && <p className="muted">No realized performance yet: it is computed when a snapshot with churn outcomes arrives for customers scored earlier.</p>}
      {latest && (
        <p data-testid="realized-latest">
          Batch {latest.batchDate} ({latest.modelName} v{latest.modelVersion}): {latest.matched} customers with outcomes ({latest.positives} churned) · ROC AUC <strong>{num(latest.rocAuc)}</strong> (training {num(latest.trainingAuc)}) · at threshold {latest.threshold.toFixed(3)}: precision {num(latest.precision)}, recall {num(latest.recall)}, F1 {num(latest.f1)}
          {alertsRaised > 0 && <span className="badge badge-failed"> AUC-drop alert raised</span>}
        </p>
      )}
      <div className="grid">
        {overTime && <VegaChart spec={overTime} label="realized ROC AUC per scoring batch over time" />}
        {calibration && latest && <VegaChart spec={calibration} label={`calibration of realized outcomes, batch ${latest.batchDate}`} />}
      </div>
      {canEdit && batches.length > 0 && (
        <div className="row">
          <label>
            batch{' '}
            <select value={batchId} onChange={(e) => setBatchId(e.target.value)} aria-label="realized batch">
              {batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.batchDate} (v{b.modelVersion})
                </option>
              ))}
            </select>
          </label>
          <label>
            outcomes in snapshot{' '}
            <select value={outcomeId} onChange={(e) => setOutcomeId(e.target.value)} aria-label="outcome snapshot">
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
      )}
    </section>
  );
}
