import type { BinaryClassifier } from '../model';
import type { DenseArtifact, DenseFormat, DenseLayerJSON, TrainingSummary } from './artifact';
import { DenseForward } from './dense-forward';

/**
 * Shared scoring side of the tfjs models: a trained dense network held as plain float64 arrays, scored in
 * pure JS (no tfjs needed), so one artifact scores identically in Node and in the browser.
 */
export abstract class DenseClassifier implements BinaryClassifier {
  readonly featureNames: readonly string[];
  readonly training: TrainingSummary | null;
  protected readonly layers: DenseLayerJSON[];
  protected readonly params: Record<string, unknown>;
  private readonly net: DenseForward;

  protected constructor(
    private readonly format: DenseFormat,
    featureNames: readonly string[],
    layers: DenseLayerJSON[],
    params: Record<string, unknown>,
    training: TrainingSummary | null,
  ) {
    this.featureNames = Object.freeze(featureNames.slice());
    this.layers = layers;
    this.params = params;
    this.training = training;
    this.net = new DenseForward(layers, featureNames.length);
  }

  /** P(y=1) for one row in featureNames order. Throws TypeError on NaN (tfjs models have no missing-value path). */
  predictProba(row: ArrayLike<number>): number {
    const d = this.featureNames.length;
    if (row.length !== d) throw new RangeError(`predictProba: row has ${row.length} values, expected ${d}`);
    this.checkRow(row, 0, 0);
    return this.net.forward(row, 0);
  }

  /** Row-major X (nRows × features) → Float64Array(nRows) of P(y=1). */
  predictProbaBatch(X: Float64Array, nRows: number): Float64Array {
    const d = this.featureNames.length;
    if (!Number.isInteger(nRows) || nRows < 0) throw new RangeError(`predictProbaBatch: nRows = ${nRows} is not a count`);
    if (X.length !== nRows * d) {
      throw new RangeError(`predictProbaBatch: X has ${X.length} values, expected ${nRows} × ${d} = ${nRows * d}`);
    }
    const out = new Float64Array(nRows);
    for (let r = 0; r < nRows; r++) {
      this.checkRow(X, r * d, r);
      out[r] = this.net.forward(X, r * d);
    }
    return out;
  }

  toJSON(): DenseArtifact {
    return {
      format: this.format,
      version: 1,
      featureNames: this.featureNames.slice(),
      layers: this.layers.map((l) => ({ weights: l.weights.slice(), bias: l.bias.slice(), activation: l.activation })),
      params: { ...this.params },
      training: this.training === null ? null : { ...this.training },
    };
  }

  private checkRow(X: ArrayLike<number>, off: number, r: number): void {
    const d = this.featureNames.length;
    for (let j = 0; j < d; j++) {
      const v = X[off + j];
      if (v !== v) throw new TypeError(`predictProba: feature "${this.featureNames[j]}" (column ${j}) is NaN at row ${r}; impute missing values before a tfjs model`);
    }
  }
}
