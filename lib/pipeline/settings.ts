/**
 * A project's pipeline settings (stored in `Project.settings.pipeline`, JSON) and the shapes the pipeline and
 * schedule APIs return. Pure: the notebook, the CLI, the worker's scheduler and the cron routes read the same
 * defaults. Every field has a generic default, so `{}` (a new project) is a complete configuration:
 *
 * - ingest: a 30-day window labelled by churn within a 30-day horizon after it. For retraining the window ends
 *   `labelHorizonDays` before the run date (every label must be observable); the daily refresh, which feeds
 *   scoring, ends on the run date. `endDate` pins the end instead (a source whose data stops at a known date).
 * - features: the latest saved feature spec (else the one derived from the data), or a pinned version.
 * - training: a family and its params (`{}` = the family's defaults; for `gbdt` the seed's), split seed/fraction.
 * - registry: the model name (project default when null) and the retrain gate: the new version becomes champion
 *   only if `autoPromote` and its ROC AUC on the fresh holdout ≥ the champion's on the same rows + `promoteMargin`.
 */
import { z } from 'zod';
import type { StageStatus } from './stages';
import type { ScheduleJobName, ScheduleKind } from './schedules';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');

/** Model families the pipeline may train (the server checks their params against its own schemas). */
export const PIPELINE_FAMILIES = ['gbdt', 'logreg', 'mlp'] as const;

export const pipelineSettingsSchema = z.strictObject({
  ingest: z
    .strictObject({
      windowDays: z.number().int().min(1).max(3660).default(30),
      labelHorizonDays: z.number().int().min(1).max(365).default(30),
      /** fixed window end (YYYY-MM-DD); null: from the run date (see the module comment) */
      endDate: isoDate.nullable().default(null),
      signupFilter: z.enum(['active', 'signup_between']).default('active'),
      /** the SQL source to ingest from; null: the project's first source */
      sourceId: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  features: z
    .strictObject({
      /** a FeatureSpecVersion id; null: the latest saved version */
      specVersionId: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  training: z
    .strictObject({
      family: z.enum(PIPELINE_FAMILIES).default('gbdt'),
      /** the family's parameters; `{}` = its defaults */
      params: z.record(z.string(), z.unknown()).default({}),
      testFraction: z.number().gt(0).lt(1).default(0.2),
      seed: z.number().int().min(0).default(42),
    })
    .prefault({}),
  registry: z
    .strictObject({
      /** registered model name; null: the project's default model */
      modelName: z.string().trim().min(1).max(63).nullable().default(null),
      autoPromote: z.boolean().default(true),
      /** ROC AUC points the new version must gain over the champion (negative: may lose that much) */
      promoteMargin: z.number().min(-1).max(1).default(0.005),
    })
    .prefault({}),
});

export type PipelineSettings = z.infer<typeof pipelineSettingsSchema>;
export type PipelineSettingsInput = z.input<typeof pipelineSettingsSchema>;

/** The settings with every default filled in (`{}` → all defaults). Throws ZodError naming bad fields. */
export function parsePipelineSettings(value: unknown): PipelineSettings {
  return pipelineSettingsSchema.parse(value ?? {});
}

/** Defaults of a new project. */
export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = parsePipelineSettings({});

/** A partial update: each group merged over the current one (unknown keys refused). */
export const pipelineSettingsPatch = z.strictObject({
  ingest: pipelineSettingsSchema.shape.ingest.unwrap().partial().optional(),
  features: pipelineSettingsSchema.shape.features.unwrap().partial().optional(),
  training: pipelineSettingsSchema.shape.training.unwrap().partial().optional(),
  registry: pipelineSettingsSchema.shape.registry.unwrap().partial().optional(),
});
export type PipelineSettingsPatch = z.input<typeof pipelineSettingsPatch>;

/** `current` with `patch` applied group by group, validated as a whole. */
export function mergePipelineSettings(current: PipelineSettings, patch: PipelineSettingsPatch): PipelineSettings {
  const parsed = pipelineSettingsPatch.parse(patch);
  // Only the keys the caller sent: the group schemas would fill the others with their defaults.
  const given = <G extends keyof PipelineSettings>(g: G): Partial<PipelineSettings[G]> => {
    const raw = (patch as Record<string, Record<string, unknown> | undefined>)[g] ?? {};
    const out = parsed[g] ?? {};
    return Object.fromEntries(Object.entries(out).filter(([k]) => Object.hasOwn(raw, k))) as Partial<PipelineSettings[G]>;
  };
  return parsePipelineSettings({
    ingest: { ...current.ingest, ...given('ingest') },
    features: { ...current.features, ...given('features') },
    training: { ...current.training, ...given('training') },
    registry: { ...current.registry, ...given('registry') },
  });
}

/** The end (YYYY-MM-DD, UTC) of the ingest window for a run on `now`: `purpose` 'train' keeps the horizon clear. */
export function ingestWindowEnd(settings: PipelineSettings['ingest'], now: Date, purpose: 'train' | 'score'): string {
  if (settings.endDate) return settings.endDate;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError(`now must be a valid Date, got ${String(now)}`);
  const lag = purpose === 'train' ? settings.labelHorizonDays : 0;
  return new Date(now.getTime() - lag * 86_400_000).toISOString().slice(0, 10);
}

// ---- what the pipeline records and the APIs return ---------------------------------------------------------

/** The stages one pipeline run goes through, in order (ids of lib/pipeline/stages.ts). */
export const PIPELINE_STAGE_IDS = ['data', 'validate', 'features', 'train', 'evaluate', 'registry'] as const;
export type PipelineStageId = (typeof PIPELINE_STAGE_IDS)[number];

export type PipelineTrigger = 'notebook' | 'cli' | 'schedule' | 'cron';
export const PIPELINE_TRIGGERS = ['notebook', 'cli', 'schedule', 'cron'] as const satisfies readonly PipelineTrigger[];

export interface PipelineStageRecord {
  id: PipelineStageId;
  status: Exclude<StageStatus, 'stale'>;
  startedAt: string | null;
  finishedAt: string | null;
  /** one line for people: what the stage did or why it failed */
  summary: string;
  detail: Record<string, unknown>;
}

/** What the retrain gate decided about the new version. */
export interface RetrainGateDecision {
  promoted: boolean;
  /** the alias the new version got: champion (promoted), challenger (declined), or null (not registered) */
  alias: 'champion' | 'challenger' | null;
  reason: string;
  candidateAuc: number | null;
  championVersion: number | null;
  championAuc: number | null;
  margin: number;
  holdoutRows: number;
}

export interface PipelineRunResult {
  snapshotId?: string;
  ingestJobId?: string | null;
  validationRunId?: string | null;
  featureSpecVersion?: number | null;
  trainJobId?: string;
  runId?: string;
  modelName?: string;
  version?: number;
  promoted?: boolean;
  gate?: RetrainGateDecision;
}

export interface PipelineRunDTO {
  id: string;
  projectId: string;
  trigger: PipelineTrigger;
  status: 'running' | 'succeeded' | 'failed';
  failedStage: PipelineStageId | null;
  error: string | null;
  stages: PipelineStageRecord[];
  result: PipelineRunResult;
  jobId: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ScheduleDTO {
  kind: ScheduleKind;
  title: string;
  summary: string;
  job: ScheduleJobName;
  cron: string;
  defaultCron: string;
  enabled: boolean;
  lastRunAt: string | null;
  lastJobId: string | null;
  /** next fire times after now (UTC ISO), for the UI */
  nextRuns: string[];
  updatedAt: string;
}
