/**
 * Snapshots, sources, jobs, uploads and feature specs (issues B, D). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
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
