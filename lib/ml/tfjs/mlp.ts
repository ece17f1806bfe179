import { MLP_FORMAT, parseDenseArtifact, type DenseActivation, type DenseLayerJSON, type TrainingSummary } from './artifact';
import { DenseClassifier } from './dense-classifier';
import { trainDenseNet, type TfFitOptions } from './train-dense';
import type { TrainingData } from './training-data';

export interface MlpOptions extends TfFitOptions {
  /** Units per hidden layer; default [16]. */
  hiddenUnits?: number[];
  /** Default 'relu'. */
  activation?: Exclude<DenseActivation, 'sigmoid'> | 'sigmoid';
}

/** Multi-layer perceptron (dense hidden layers → one sigmoid unit) trained with tfjs, scored in pure JS. */
export class TfMlp extends DenseClassifier {
  static readonly format = MLP_FORMAT;

  private constructor(
    featureNames: readonly string[],
    layers: DenseLayerJSON[],
    params: Record<string, unknown>,
    training: TrainingSummary | null,
  ) {
    super(MLP_FORMAT, featureNames, layers, params, training);
  }

  /** Trains on the current tfjs backend (call initTfBackend first). Inputs must be scaled and free of NaN. */
  static async fit(data: TrainingData, options: MlpOptions = {}): Promise<TfMlp> {
    const hiddenUnits = options.hiddenUnits ?? [16];
    const activation = options.activation ?? 'relu';
    if (!Array.isArray(hiddenUnits) || hiddenUnits.some((u) => !Number.isInteger(u) || u < 1)) {
      throw new RangeError(`TfMlp.fit: hiddenUnits = ${JSON.stringify(hiddenUnits)} must be integers ≥ 1`);
    }
    if (!['relu', 'tanh', 'sigmoid', 'linear'].includes(activation)) {
      throw new RangeError(`TfMlp.fit: activation "${String(activation)}" must be relu, tanh, sigmoid or linear`);
    }
    const { layers, params, training } = await trainDenseNet(
      data,
      { hiddenUnits, hiddenActivation: activation },
      options,
      'TfMlp.fit',
    );
    return new TfMlp(data.featureNames, layers, { ...params, hiddenUnits: hiddenUnits.slice(), activation }, training);
  }

  /** Rebuilds from `toJSON()` output; TypeError naming the bad field on a malformed artifact. */
  static fromJSON(json: unknown): TfMlp {
    const a = parseDenseArtifact(json, MLP_FORMAT);
    return new TfMlp(a.featureNames, a.layers, a.params, a.training);
  }
}
