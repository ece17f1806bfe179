import { LOGREG_FORMAT, parseDenseArtifact, type DenseLayerJSON, type TrainingSummary } from './artifact';
import { DenseClassifier } from './dense-classifier';
import { trainDenseNet, type TfFitOptions } from './train-dense';
import type { TrainingData } from './training-data';

/** Logistic regression trained with tfjs (Adam on BCE, optional L2/class weights), scored in pure JS. */
export class TfLogisticRegression extends DenseClassifier {
  static readonly format = LOGREG_FORMAT;

  private constructor(
    featureNames: readonly string[],
    layers: DenseLayerJSON[],
    params: Record<string, unknown>,
    training: TrainingSummary | null,
  ) {
    super(LOGREG_FORMAT, featureNames, layers, params, training);
  }

  /** Trains on the current tfjs backend (call initTfBackend first). Inputs must be scaled and free of NaN. */
  static async fit(data: TrainingData, options: TfFitOptions = {}): Promise<TfLogisticRegression> {
    const { layers, params, training } = await trainDenseNet(
      data,
      { hiddenUnits: [], hiddenActivation: 'linear' },
      options,
      'TfLogisticRegression.fit',
    );
    return new TfLogisticRegression(data.featureNames, layers, { ...params }, training);
  }

  /** Rebuilds from `toJSON()` output; TypeError naming the bad field on a malformed artifact. */
  static fromJSON(json: unknown): TfLogisticRegression {
    const a = parseDenseArtifact(json, LOGREG_FORMAT);
    return new TfLogisticRegression(a.featureNames, a.layers, a.params, a.training);
  }

  /** One coefficient per feature (log-odds per unit of the scaled feature), featureNames order. */
  get coefficients(): Float64Array {
    return Float64Array.from(this.layers[0].weights);
  }

  get intercept(): number {
    return this.layers[0].bias[0];
  }
}
