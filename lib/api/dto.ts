/**
 * The JSON shapes of the HTTP API, shared by the server (lib/server builds them) and the browser (components
 * read them). Types only.
 */

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
