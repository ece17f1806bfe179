import * as tf from '@tensorflow/tfjs';
import type { DenseArtifact } from './artifact';

/**
 * The artifact as a tfjs LayersModel (for `model.save` via tf.io handlers, or batched GPU scoring).
 * The pure-JS `predictProba` is the reference scorer; this one agrees to float32 precision. Caller disposes.
 */
export function toTfModel(artifact: DenseArtifact): tf.Sequential {
  const model = tf.sequential();
  let inputSize = artifact.featureNames.length;
  for (const l of artifact.layers) {
    const units = l.bias.length;
    model.add(
      tf.layers.dense({
        units,
        activation: l.activation,
        inputShape: model.layers.length === 0 ? [inputSize] : undefined,
        weights: [tf.tensor2d(l.weights, [inputSize, units]), tf.tensor1d(l.bias)],
      }),
    );
    inputSize = units;
  }
  return model;
}
