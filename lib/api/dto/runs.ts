/**
 * Training runs (issue F). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */

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
