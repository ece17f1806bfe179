/**
 * The contract every trained ChurnLab classifier implements (GBDT predictor, tfjs logistic regression, tfjs MLP),
 * so scoring, metrics, explanations and the registry treat model families alike.
 */
export interface BinaryClassifier {
  readonly featureNames: readonly string[];
  /** P(y=1) for one row of raw feature values in featureNames order; NaN = missing. */
  predictProba(row: ArrayLike<number>): number;
  /** row-major Float64Array nRows × featureNames.length → Float64Array(nRows) */
  predictProbaBatch(X: Float64Array, nRows: number): Float64Array;
  toJSON(): ModelArtifact;
}

/** A versioned, JSON-safe model artifact; each family adds its own fields and checks them in its `fromJSON`. */
export interface ModelArtifact {
  format: string;
  version: number;
  featureNames: string[];
  [k: string]: unknown;
}
