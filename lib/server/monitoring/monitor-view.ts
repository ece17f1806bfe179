/** Everything the Monitor cell and page render first (one call for the notebook page and the monitor page). */
import type { AlertDTO, AlertRuleDTO, DriftReportDTO, SloSummaryDTO } from '@/lib/api/dto';
import type { RealizedPerformanceDTO } from '@/lib/monitoring/realized';
import { listBatches } from '@/lib/server/scoring/batches';
import { listSnapshots } from '@/lib/server/snapshots/snapshots';
import { listAlertRules } from './alert-rules';
import { listAlerts } from './alerts';
import { listDriftReports } from './drift';
import { listRealized } from './realized';
import { predictionDeciles, projectSlo } from './slo-summary';

export interface MonitorView {
  initialReports: DriftReportDTO[];
  initialAlerts: AlertDTO[];
  initialRules: AlertRuleDTO[];
  initialSlo: SloSummaryDTO | null;
  initialRealized: RealizedPerformanceDTO[];
  snapshots: { id: string; name: string }[];
  batches: { id: string; batchDate: string; modelVersion: number }[];
}

export async function loadMonitorView(projectId: string): Promise<MonitorView> {
  const [reports, alerts, rules, slo, deciles, snapshots, batches, realized] = await Promise.all([
    listDriftReports(projectId, 20),
    listAlerts(projectId, { limit: 50 }),
    listAlertRules(projectId),
    projectSlo(projectId),
    predictionDeciles(projectId),
    listSnapshots(projectId),
    listBatches(projectId, { limit: 20 }),
    listRealized(projectId),
  ]);
  return {
    initialReports: reports,
    initialAlerts: alerts,
    initialRules: rules,
    initialSlo: { ...slo, deciles },
    initialRealized: realized,
    snapshots: snapshots.map((s) => ({ id: s.id, name: s.name })),
    batches: batches.filter((b) => b.status === 'succeeded').map((b) => ({ id: b.id, batchDate: b.batchDate, modelVersion: b.modelVersion })),
  };
}
