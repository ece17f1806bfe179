/**
 * Monitoring: drift, alerts and SLOs (issue I). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */

/** One feature's drift (lib/monitoring FeatureDrift): method statistic, verdicts, PSI, reference/current histogram. */
export interface FeatureDriftDTO {
  name: string;
  kind: 'numeric' | 'categorical';
  referenceRows: number;
  currentRows: number;
  method: 'ks' | 'wasserstein' | 'chisquare' | 'jensenshannon';
  statistic: number;
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  psi: number;
  psiVerdict: 'stable' | 'watch' | 'act';
  stats: { ks?: number; ksP?: number; wasserstein?: number; chi2?: number; chi2P?: number; js: number; psi: number };
  distribution: { labels: string[]; reference: number[]; current: number[] };
}

export interface DriftReportDTO {
  id: string;
  projectId: string;
  modelName: string;
  modelVersion: number;
  /** snapshot | batch */
  subjectKind: string;
  subjectId: string;
  summary: { features: number; drifted: number; share: number; datasetDrift: boolean; prediction: FeatureDriftDTO | null; worstPsi: number };
  features: FeatureDriftDTO[];
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface AlertRuleDTO {
  id: string;
  projectId: string;
  /** drift | job_failure | validation_failure | slo_burn | auc_drop */
  kind: string;
  enabled: boolean;
  params: Record<string, unknown>;
  webhookUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlertDTO {
  id: string;
  projectId: string;
  ruleId: string | null;
  kind: string;
  /** info | warning | critical */
  severity: string;
  title: string;
  detail: Record<string, unknown>;
  dedupeKey: string;
  /** open | acknowledged | resolved */
  status: string;
  occurrences: number;
  silencedUntil: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** pending | delivered | failed | none */
  delivery: string;
  deliveryTries: number;
  nextDeliveryAt: string | null;
  lastDeliveryError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SliDTO {
  total: number;
  bad: number;
  ratio: number;
  budgetRemaining: number;
  burn: { window: string; longBurn: number; shortBurn: number; threshold: number; firing: boolean }[];
}

/** GET /api/projects/:slug/monitor/slo */
export interface SloSummaryDTO {
  targets: { availability: number; latencyTarget: number; latencyThresholdMs: number; periodMinutes: number };
  availability: SliDTO;
  latency: SliDTO & { p95Ms: number | null; p50Ms: number | null };
  /** per minute (ms since epoch) */
  series: { minute: number; requests: number; errors: number; p95Ms: number | null }[];
  deciles: { minute: string; counts: number[] }[];
}
