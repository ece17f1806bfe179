/** Histogram gradient-boosted trees (binary log loss), sklearn HistGradientBoostingClassifier semantics. */
export { fitHistGradientBoosting, GbdtAbortError, type FitOptions, type IterationInfo } from './booster';
export { DEFAULT_PARAMS, resolveParams, type ClassWeight, type HistGradientBoostingParams } from './params';
export { GbdtModel, GBDT_FORMAT, GBDT_VERSION, type GbdtModelJSON } from './predictor';
export { sigmoid } from './loss';
export { RandomState } from './rng';
export { stratifiedTrainTestSplit, type TrainTestIndices } from './train-test-split';
