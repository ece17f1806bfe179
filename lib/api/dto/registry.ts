/**
 * Model registry and the prediction API (issue G). Types, and the alias names: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */
import type { RunDTO } from '@/lib/api/dto/runs';

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
