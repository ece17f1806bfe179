import type { ModelArtifact } from '../model';

export type DenseActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid';
export const DENSE_ACTIVATIONS: readonly DenseActivation[] = ['linear', 'relu', 'tanh', 'sigmoid'];

export const LOGREG_FORMAT = 'churnlab.tfjs-logreg';
export const MLP_FORMAT = 'churnlab.tfjs-mlp';
export type DenseFormat = typeof LOGREG_FORMAT | typeof MLP_FORMAT;

/**
 * One dense layer: out = activation(in · W + bias). `weights` is the tfjs kernel flattened row-major,
 * shape [inputSize, units] (weights[i * units + j] links input i to unit j); `bias` has `units` entries.
 */
export interface DenseLayerJSON {
  weights: number[];
  bias: number[];
  activation: DenseActivation;
}

/** What a fit ran: for reproducing it and for the registry UI. */
export interface TrainingSummary {
  epochsRun: number;
  /** 1-based epoch whose weights were kept (the best validation epoch under early stopping, else the last). */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** Training objective (class-weighted BCE + L2 penalty) of the last epoch. */
  loss: number;
  /** Unweighted BCE on the validation rows at bestEpoch; null without validation. */
  valLoss: number | null;
  backend: string;
}

/** Artifact of a tfjs logistic regression (one sigmoid layer) or MLP (hidden layers + one sigmoid unit). */
export interface DenseArtifact extends ModelArtifact {
  format: DenseFormat;
  version: 1;
  featureNames: string[];
  layers: DenseLayerJSON[];
  params: Record<string, unknown>;
  training: TrainingSummary | null;
}

function fail(msg: string): never {
  throw new TypeError(`tfjs artifact: ${msg}`);
}

function finiteArray(v: unknown, field: string): number[] {
  if (!Array.isArray(v)) fail(`${field} must be an array of numbers`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) fail(`${field}[${i}] = ${String(v[i])} is not a finite number`);
  }
  return v as number[];
}

/** Checks an unknown value is a well-formed dense artifact of `format`; TypeError names the bad field. */
export function parseDenseArtifact(json: unknown, format: DenseFormat): DenseArtifact {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('expected an object');
  const a = json as Record<string, unknown>;
  if (a.format !== format) fail(`format must be "${format}", got ${JSON.stringify(a.format)}`);
  if (a.version !== 1) fail(`version must be 1, got ${JSON.stringify(a.version)}`);
  if (!Array.isArray(a.featureNames) || a.featureNames.length === 0) fail('featureNames must be a non-empty array');
  a.featureNames.forEach((f, i) => {
    if (typeof f !== 'string') fail(`featureNames[${i}] must be a string`);
  });
  if (new Set(a.featureNames).size !== a.featureNames.length) fail('featureNames has duplicates');
  if (!Array.isArray(a.layers) || a.layers.length === 0) fail('layers must be a non-empty array');
  if (format === LOGREG_FORMAT && a.layers.length !== 1) fail(`layers must have exactly 1 layer for ${format}`);
  let inputSize = a.featureNames.length;
  a.layers.forEach((l: unknown, k: number) => {
    const field = `layers[${k}]`;
    if (l === null || typeof l !== 'object') fail(`${field} must be an object`);
    const layer = l as Record<string, unknown>;
    const bias = finiteArray(layer.bias, `${field}.bias`);
    const weights = finiteArray(layer.weights, `${field}.weights`);
    if (bias.length === 0) fail(`${field}.bias must not be empty`);
    if (weights.length !== inputSize * bias.length) {
      fail(`${field}.weights has ${weights.length} values, expected ${inputSize} × ${bias.length} = ${inputSize * bias.length}`);
    }
    if (!DENSE_ACTIVATIONS.includes(layer.activation as DenseActivation)) {
      fail(`${field}.activation ${JSON.stringify(layer.activation)} must be one of ${DENSE_ACTIVATIONS.join(', ')}`);
    }
    inputSize = bias.length;
  });
  const last = a.layers[a.layers.length - 1] as DenseLayerJSON;
  if (last.bias.length !== 1) fail(`layers[${a.layers.length - 1}] must have 1 output unit, has ${last.bias.length}`);
  if (last.activation !== 'sigmoid') fail(`layers[${a.layers.length - 1}].activation must be "sigmoid"`);
  if (a.params === null || typeof a.params !== 'object' || Array.isArray(a.params)) fail('params must be an object');
  if (a.training !== undefined && a.training !== null && typeof a.training !== 'object') {
    fail('training must be an object or null');
  }
  return {
    format,
    version: 1,
    featureNames: (a.featureNames as string[]).slice(),
    layers: (a.layers as DenseLayerJSON[]).map((l) => ({
      weights: l.weights.slice(),
      bias: l.bias.slice(),
      activation: l.activation,
    })),
    params: { ...(a.params as Record<string, unknown>) },
    training: (a.training as TrainingSummary | undefined) ?? null,
  };
}
