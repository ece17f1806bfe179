/**
 * The in-browser quick model: a first read of holdout AUC and importances on a snapshot sample, before any server
 * job. Same labels, split, feature code and GBDT engine as the server's training job; runs in a Web Worker.
 */
export { isAbort, QuickModelError, type QuickModelErrorCode } from './errors';
export { QUICK_GBDT_DEFAULTS } from './fit-gbdt';
export { quickImportanceSpec } from './importance-spec';
export { binaryLabels, type BinaryLabels } from './labels';
export { prepareQuickData, type PreparedData, type PrepareOptions, type SavedSpec, type SpecSource } from './prepare';
export { handleQuickRequest, type QuickRunRequest, type QuickWorkerMessage } from './protocol';
export { runQuickModel, type QuickModelInput, type QuickRunOptions, type QuickRunProgress } from './run-quick-model';
export { fitStandardizer, standardize, type Standardizer } from './standardize';
export { QUICK_MODEL_KINDS, type QuickFitOutput, type QuickImportance, type QuickModelKind, type QuickModelResult, type QuickProgress } from './types';
