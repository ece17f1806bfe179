'use client';

import { useCallback, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import type { AlertDTO, AlertRuleDTO, DriftReportDTO, SloSummaryDTO } from '@/lib/api/dto';
import type { RealizedPerformanceDTO } from '@/lib/monitoring/realized';
import { AlertInbox, type AlertAction } from './alert-inbox';
import { DriftSection } from './drift-section';
import { RealizedSection } from './realized-section';
import { RulesSection } from './rules-section';
import { SloSection } from './slo-section';

export interface MonitorCellProps {
  projectSlug: string;
  /** scientist and above: run drift, edit rules, acknowledge and silence alerts */
  canEdit: boolean;
  /** newest first (listDriftReports) */
  initialReports: DriftReportDTO[];
  initialAlerts: AlertDTO[];
  initialRules: AlertRuleDTO[];
  initialSlo: SloSummaryDTO | null;
  /** stored realized performance, oldest batch first (listRealized) */
  initialRealized?: RealizedPerformanceDTO[];
  /** what drift can run against */
  snapshots: { id: string; name: string }[];
  batches: { id: string; batchDate: string; modelVersion: number }[];
}

/**
 * The notebook's Monitor cell: the latest drift report per feature (statistic, p-value, PSI, verdicts, reference
 * vs current distribution) and PSI over reports, realized performance (ROC AUC per scoring batch over time,
 * calibration of the latest), the prediction API's SLOs (availability and latency, error budget, burn rates,
 * traffic and errors, predictions by decile), the alert inbox and the alert rules with a false-alarm check.
 */
export function MonitorCell({ projectSlug, canEdit, initialReports, initialAlerts, initialRules, initialSlo, initialRealized = [], snapshots, batches }: MonitorCellProps) {
  const slug = encodeURIComponent(projectSlug);
  const base = `/api/projects/${slug}/monitor`;
  const [reports, setReports] = useState(initialReports);
  const [alerts, setAlerts] = useState(initialAlerts);
  const [rules, setRules] = useState(initialRules);
  const [slo, setSlo] = useState(initialSlo);
  const [realized, setRealized] = useState(initialRealized);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the clock silences are compared against, advanced whenever the inbox changes (render stays pure)
  const [now, setNow] = useState(() => Date.now());

  const refreshRealized = useCallback(async () => {
    const r = await apiFetch<{ realized: RealizedPerformanceDTO[] }>(`${base}/realized`);
    if (r.ok) setRealized(r.data.realized);
    else setError(r.error);
  }, [base]);

  const refresh = useCallback(async () => {
    const [r, a, s, z] = await Promise.all([apiFetch<{ reports: DriftReportDTO[] }>(`${base}/reports`), apiFetch<{ alerts: AlertDTO[] }>(`${base}/alerts`), apiFetch<SloSummaryDTO>(`${base}/slo`), apiFetch<{ realized: RealizedPerformanceDTO[] }>(`${base}/realized`)]);
    if (r.ok) setReports(r.data.reports);
    if (a.ok) setAlerts(a.data.alerts);
    if (s.ok) setSlo(s.data);
    if (z.ok) setRealized(z.data.realized);
    setNow(Date.now());
    const bad = [r, a, s, z].find((x) => !x.ok);
    setError(bad && !bad.ok ? bad.error : null);
  }, [base]);

  const runDrift = async (subject: string): Promise<boolean> => {
    setBusy(true);
    const [kind, id] = subject.split(':');
    const res = await apiFetch<DriftReportDTO>(`${base}/reports`, { method: 'POST', body: kind === 'batch' ? { batchId: id } : { snapshotId: id } });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    await refresh();
    return true;
  };

  const alertAction = async (id: string, body: AlertAction) => {
    const res = await apiFetch<AlertDTO>(`${base}/alerts/${encodeURIComponent(id)}`, { method: 'POST', body });
    if (!res.ok) return setError(res.error);
    setAlerts((xs) => xs.map((x) => (x.id === id ? res.data : x)));
    setNow(Date.now());
  };

  return (
    <div className="stack" data-testid="monitor-cell">
      {error && <div className="alert alert-error">{error}</div>}
      <DriftSection canEdit={canEdit} reports={reports} snapshots={snapshots} batches={batches} busy={busy} onRun={runDrift} />
      <RealizedSection base={base} canEdit={canEdit} realized={realized} batches={batches} snapshots={snapshots} setError={setError} onComputed={refreshRealized} />
      <SloSection slo={slo} />
      <AlertInbox alerts={alerts} canEdit={canEdit} now={now} onAction={(id, body) => void alertAction(id, body)} onRefresh={() => void refresh()} />
      <RulesSection base={base} canEdit={canEdit} rules={rules} setRules={setRules} setError={setError} defaultBatch={reports[0]?.features[0]?.currentRows ?? 1000} />
    </div>
  );
}
