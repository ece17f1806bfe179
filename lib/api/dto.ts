/**
 * The JSON shapes of the HTTP API, shared by the server (lib/server builds them) and the browser (components
 * read them). Types only.
 */
import type { FeatureSpec } from '@/lib/features/spec';

export type SnapshotColumnType = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text';
export type UploadColumnType = 'numeric' | 'categorical' | 'boolean' | 'text';

export interface SnapshotDTO {
  id: string;
  projectId: string;
  name: string;
  origin: 'ingest' | 'upload';
  hash: string;
  byteSize: number;
  rowCount: number;
  columnCount: number;
  columns: { name: string; type: SnapshotColumnType }[];
  windowStart: string | null;
  windowEnd: string | null;
  options: Record<string, unknown>;
  targetColumn: string | null;
  positiveValue: string | null;
  createdAt: string;
  createdBy: string | null;
  archivedAt: string | null;
}

/** GET /api/snapshots/{id}: the profile is read defensively (lib/data/explore/profile-view). */
export type SnapshotDetailDTO = SnapshotDTO & { profile: unknown };

export interface SourceDTO {
  id: string;
  name: string;
  kind: 'sqlite' | 'postgres';
  location: string;
  dbSchema: string | null;
  createdAt: string;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobDTO {
  id: string;
  type: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  error: string | null;
  result: unknown;
  /** Live state of a running job (e.g. { loss: [{ iteration, train, validation }] } while training). */
  detail?: unknown;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface UploadDraftDTO {
  uploadId: string;
  fileName: string;
  format: 'csv' | 'parquet';
  byteSize: number;
  rowCount: number;
  columns: { name: string; inferredType: UploadColumnType; missing: number; distinct: number; samples: string[] }[];
  targetCandidates: { column: string; values: { value: string; count: number }[] }[];
}

/** One saved version of a project's feature spec (GET /api/projects/{slug}/feature-specs, /api/feature-specs/{id}). */
export interface FeatureSpecVersionDTO {
  id: string;
  projectId: string;
  /** 1, 2, …: increases by one per save within a project. */
  version: number;
  /** A lib/features FeatureSpec (`format: 'churnlab.feature-spec'`, `version: 1`, `steps`). */
  spec: FeatureSpec;
  note: string;
  /** E-mail of the author; null for the default version the server created. */
  createdBy: string | null;
  createdAt: string;
}

// ---- Validation (issue C) -------------------------------------------------------------------------------------

/** One expectation of a suite as stored and sent: GX-shaped plus ChurnLab `severity`/`enabled`. */
export interface SuiteExpectationDTO {
  expectation_type: string;
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
  severity: 'error' | 'warning';
  enabled: boolean;
}

/** A suite document (what `parseSuite` accepts and returns). */
export interface SuiteDocumentDTO {
  name: string;
  version?: number;
  expectations: SuiteExpectationDTO[];
  meta: Record<string, unknown>;
}

/** One saved version of a project's expectation suite (GET/POST /api/projects/{slug}/suites). */
export interface SuiteVersionDTO {
  id: string;
  projectId: string;
  name: string;
  version: number;
  suite: SuiteDocumentDTO;
  createdBy: string | null;
  createdAt: string;
}

/** A stored validation run without its report (history lists). */
export interface ValidationRunSummaryDTO {
  id: string;
  projectId: string;
  snapshotId: string;
  snapshotName: string;
  suiteId: string;
  suiteName: string;
  suiteVersion: number;
  /** False when an enabled error-severity expectation failed (the training gate). */
  success: boolean;
  evaluated: number;
  failedErrors: number;
  failedWarnings: number;
  createdBy: string | null;
  createdAt: string;
}

/** A run with its full GX-shaped report (lib/validation `ValidationReport`, read defensively by the UI). */
export interface ValidationRunDTO extends ValidationRunSummaryDTO {
  report: unknown;
}

export interface ValidationOverrideDTO {
  id: string;
  snapshotId: string;
  validationRunId: string;
  reason: string;
  approver: string | null;
  createdAt: string;
}

/** A failed error-level expectation as named by the gate. */
export interface FailedExpectationDTO {
  expectation_type: string;
  column: string | null;
}

/**
 * The training gate of one snapshot (GET /api/snapshots/{id}/gate). `state`: `passed` (latest run succeeded),
 * `failed` (latest run has failed error expectations), `overridden` (failed, then an approver overrode that run),
 * `not_validated` (the project has a suite but the snapshot was never validated), `no_suite` (nothing to check).
 */
export interface GateDTO {
  snapshotId: string;
  allowed: boolean;
  state: 'passed' | 'failed' | 'overridden' | 'not_validated' | 'no_suite';
  reason: string;
  failed: FailedExpectationDTO[];
  run: ValidationRunSummaryDTO | null;
  override: ValidationOverrideDTO | null;
}

// ---- Training runs (issue F) ----------------------------------------------------------------------------------

/** A run without its curves (GET /api/projects/{slug}/runs). `metrics`/`params` are read defensively by the UI. */
export interface RunSummaryDTO {
  id: string;
  name: string;
  family: string;
  status: string;
  snapshotId: string;
  snapshotName: string;
  featureSpecVersion: number | null;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  trainRows: number;
  testRows: number;
  durationMs: number;
  createdAt: string;
  createdBy: string | null;
}

/** One run with curves, importance and lineage (GET /api/runs/{id}, /api/runs/compare). */
export interface RunDTO extends RunSummaryDTO {
  curves: Record<string, unknown>;
  importance: Record<string, unknown>;
  lineage: Record<string, unknown>;
  artifactHash: string | null;
  transformHash: string | null;
  jobId: string | null;
  log: string;
}

// ---- Model registry and prediction API (issue G) -------------------------------------------------------------

export const MODEL_ALIASES = ['champion', 'challenger'] as const;
export type ModelAliasName = (typeof MODEL_ALIASES)[number];

/** One raw record field the prediction API accepts (the source schema, before features). */
export interface InputFieldDTO {
  name: string;
  /** numeric → JSON number (or null = missing); categorical → string (numbers/booleans are read as text). */
  kind: 'numeric' | 'categorical';
  /** 'input': the model reads it (must be present, may be null); 'id': echoed back; 'ignored': accepted, unused. */
  use: 'input' | 'id' | 'ignored';
  /** Categorical levels seen in training (for forms and what-if); numeric range seen in training. */
  levels?: string[];
  min?: number;
  max?: number;
}

export interface ModelVersionDTO {
  id: string;
  modelName: string;
  version: number;
  runId: string;
  runName: string;
  family: string;
  /** label = probability ≥ threshold */
  threshold: number;
  metrics: Record<string, unknown>;
  snapshotId: string;
  snapshotName: string;
  featureSpecVersion: number | null;
  /** validation state of the training snapshot at training time: passed | overridden | … */
  validationState: string | null;
  note: string;
  registeredBy: string | null;
  createdAt: string;
  aliases: ModelAliasName[];
}

export interface RegisteredModelDTO {
  id: string;
  name: string;
  projectId: string;
  projectSlug: string;
  description: string;
  createdAt: string;
  champion: { version: number; versionId: string } | null;
  challenger: { version: number; versionId: string } | null;
  /** newest first */
  versions: ModelVersionDTO[];
}

/** An audited registry transition: who, when, from → to, why. */
export interface ModelTransitionDTO {
  id: string;
  /** registered | promotion_requested | alias_set | alias_cleared | request_approved | request_rejected | request_withdrawn | auto_promoted | auto_promotion_declined */
  action: string;
  alias: ModelAliasName | null;
  fromVersion: number | null;
  toVersion: number | null;
  reason: string;
  actor: string | null;
  createdAt: string;
}

export interface PromotionRequestDTO {
  id: string;
  modelName: string;
  versionId: string;
  version: number;
  alias: ModelAliasName;
  reason: string;
  status: 'open' | 'approved' | 'rejected' | 'withdrawn';
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string;
  createdAt: string;
}

/** GET /api/models/{name}: the model, its versions, its audit trail and its promotion requests. */
export interface ModelDetailDTO {
  model: RegisteredModelDTO;
  transitions: ModelTransitionDTO[];
  requests: PromotionRequestDTO[];
}

/** GET /api/models/{name}/versions/{version}: the model card. */
export interface ModelCardDTO {
  model: RegisteredModelDTO;
  version: ModelVersionDTO;
  run: RunDTO;
  inputSchema: InputFieldDTO[];
  /** the fitted transform's output features and the input fields each comes from */
  features: { name: string; sources: string[] }[];
  transitions: ModelTransitionDTO[];
}

/** One reason of a score: a raw input field and its TreeSHAP (or linear/occlusion) contribution in log-odds. */
export interface ReasonDTO {
  feature: string;
  value: string | number | null;
  contribution: number;
  direction: 'increases' | 'decreases';
}

export interface PredictionDTO {
  /** the record's id field when the schema has one, else its position in the batch */
  id: string | number | null;
  probability: number;
  label: 0 | 1;
  reasons: ReasonDTO[];
}

/** POST /api/v1/predict response. */
export interface PredictResponseDTO {
  model: { name: string; version: number; alias: ModelAliasName; threshold: number; reasonsMethod: 'treeshap' | 'linear' | 'occlusion' };
  predictions: PredictionDTO[];
}

// ---- Batch scoring (issue H) ----------------------------------------------------------------------------------

export interface ScoreBatchDTO {
  id: string;
  projectId: string;
  modelName: string;
  modelVersion: number;
  batchDate: string;
  snapshotId: string;
  /** running | succeeded | failed | replaced */
  status: string;
  shards: number;
  shardsDone: number[];
  rowCount: number;
  /** customers, positives, positiveRate, meanProbability, explained, deciles[], histogram{bins,counts}, scoredAt */
  stats: Record<string, unknown>;
  hasExports: boolean;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CustomerScoreDTO {
  customerId: string;
  probability: number;
  decile: number;
  label: number;
  reasons: ReasonDTO[] | null;
}

// ---- Dashboards (issue J) ------------------------------------------------------------------------------------

/** What a dashboard is computed from: the project's latest succeeded batch and the columns read. */
export interface DashboardContextDTO {
  project: { slug: string; name: string };
  batch: { id: string; batchDate: string; modelName: string; modelVersion: number; threshold: number; finishedAt: string | null };
  /** monthly value column (detected or chosen), null when none */
  valueColumn: string | null;
  valueChoices: string[];
  horizonMonths: number;
  segmentColumns: { name: string; role: string; mode: 'categorical' | 'binned' }[];
}

export interface DashboardTrendPointDTO {
  batchId: string;
  batchDate: string;
  modelVersion: number;
  customers: number;
  highRiskShare: number;
  /** null when the batch's data has no value column */
  revenueAtRisk: number | null;
}

export interface DashboardOverviewDTO extends DashboardContextDTO {
  customers: number;
  highRisk: number;
  highRiskShare: number;
  meanProbability: number;
  revenueAtRisk: number | null;
  revenueTotal: number | null;
  histogram: { lo: number; hi: number; count: number }[];
  trend: DashboardTrendPointDTO[];
}

export interface DashboardSegmentDTO {
  column: string;
  role: string;
  rows: { segment: string; customers: number; meanProbability: number; highRisk: number; highRiskShare: number; revenueAtRisk: number }[];
}

export interface DashboardCustomerRowDTO {
  customerId: string;
  probability: number;
  decile: number;
  label: number;
  value: number | null;
  /** segment label per segment column */
  segments: Record<string, string>;
  reasons: string[];
}

export interface DashboardCustomersDTO {
  total: number;
  offset: number;
  limit: number;
  rows: DashboardCustomerRowDTO[];
}

export interface DashboardCustomerDetailDTO {
  customerId: string;
  current: DashboardCustomerRowDTO;
  reasons: ReasonDTO[] | null;
  history: { batchId: string; batchDate: string; modelVersion: number; probability: number; decile: number }[];
  /** the raw record (input-schema fields) the model scored */
  record: Record<string, string | number | null>;
  /** what the browser needs to rebuild the Scorer on the same artifacts the API serves */
  scorer: { runId: string; threshold: number; inputSchema: InputFieldDTO[]; reference: number[] };
}

export interface DashboardTargetingDTO {
  params: { costPerContact: number; valueRetained: number; successRate: number };
  threshold: number | null;
  expectedProfit: number;
  contacted: number;
  customers: number;
  curve: { threshold: number; contacted: number; profit: number }[];
  targets: { customerId: string; probability: number; value: number | null; expectedProfit: number }[];
  /** targets beyond this many are only in the CSV */
  shown: number;
}

// ---- Monitoring (issue I) ------------------------------------------------------------------------------------

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
