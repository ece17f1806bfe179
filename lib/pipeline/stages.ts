/**
 * The pipeline stages, in order. A project's notebook shows one cell per stage; the CLI and the schedules run
 * the same list. `issue` names the part of the plan that brings each stage to life.
 */
export const STAGES = [
  { id: 'data', title: 'Data', summary: 'Ingest customers, usage and billing from the SQL source over a date window, or upload a CSV/Parquet file; every load becomes an immutable, hashed snapshot with a profile.' },
  { id: 'validate', title: 'Validate', summary: 'Expectation suites (columns, nulls, ranges, sets, uniqueness) run on each snapshot; a failed error-level expectation stops the pipeline before training.' },
  { id: 'features', title: 'Features', summary: 'A declarative feature spec (imputation, derived columns, bins, encodings, scaling) fitted on the training split only, applied identically in the browser, the workers and the API.' },
  { id: 'train', title: 'Train', summary: 'Histogram gradient-boosted trees and tfjs models trained by server-side workers, with live progress and every parameter tracked.' },
  { id: 'evaluate', title: 'Evaluate', summary: 'ROC/PR curves, calibration, lift, confusion matrix at a chosen threshold, importances and side-by-side run comparison.' },
  { id: 'registry', title: 'Registry', summary: 'Register runs as model versions; an approver promotes the champion, with every transition audited.' },
  { id: 'serve', title: 'Serve & Score', summary: 'Real-time scoring through the prediction API with reasons for each score, and nightly batch scoring of every customer.' },
  { id: 'monitor', title: 'Monitor', summary: 'Data and prediction drift, realized performance, latency and errors against SLOs, with alerts.' },
] as const;

export type StageId = (typeof STAGES)[number]['id'];
export type StageStatus = 'not_started' | 'running' | 'passed' | 'failed' | 'stale';

export const STAGE_STATUS_LABEL: Record<StageStatus, string> = {
  not_started: 'Not started',
  running: 'Running',
  passed: 'Passed',
  failed: 'Failed',
  stale: 'Stale',
};
