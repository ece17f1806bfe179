/**
 * Validation: expectation suites, runs, overrides and the gate (issue C). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */

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
