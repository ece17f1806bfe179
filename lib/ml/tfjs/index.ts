/**
 * tfjs logistic regression and MLP. Train with tfjs (`initTfBackend` first), then score in pure JS from plain
 * float64 weights; artifacts are versioned JSON (`churnlab.tfjs-logreg` / `churnlab.tfjs-mlp`, version 1).
 */
export { initTfBackend, type TfBackendName } from './backend';
export {
  LOGREG_FORMAT,
  MLP_FORMAT,
  parseDenseArtifact,
  type DenseActivation,
  type DenseArtifact,
  type DenseLayerJSON,
  type TrainingSummary,
} from './artifact';
export { DenseClassifier } from './dense-classifier';
export { TfLogisticRegression } from './logistic-regression';
export { TfMlp, type MlpOptions } from './mlp';
export { toTfModel } from './to-tf-model';
export type { TfFitOptions, EpochProgress } from './train-dense';
export type { TrainingData } from './training-data';
