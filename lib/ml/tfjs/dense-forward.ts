import type { DenseActivation, DenseLayerJSON } from './artifact';

const ACT_CODE: Record<DenseActivation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3 };

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Pure-JS forward pass of a dense network, float64, no tfjs and no allocation per call: kernels are stored
 * transposed ([units, inputSize]) so each unit is one contiguous dot product; two scratch buffers ping-pong.
 * Not re-entrant (JS is single-threaded; one instance per model).
 */
export class DenseForward {
  readonly inputSize: number;
  private readonly kernels: Float64Array[];
  private readonly biases: Float64Array[];
  private readonly acts: Uint8Array;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;

  constructor(layers: readonly DenseLayerJSON[], inputSize: number) {
    this.inputSize = inputSize;
    this.kernels = [];
    this.biases = [];
    this.acts = new Uint8Array(layers.length);
    let nIn = inputSize;
    let maxWidth = 1;
    layers.forEach((l, k) => {
      const units = l.bias.length;
      const t = new Float64Array(units * nIn);
      for (let i = 0; i < nIn; i++) for (let j = 0; j < units; j++) t[j * nIn + i] = l.weights[i * units + j];
      this.kernels.push(t);
      this.biases.push(Float64Array.from(l.bias));
      this.acts[k] = ACT_CODE[l.activation];
      maxWidth = Math.max(maxWidth, units);
      nIn = units;
    });
    this.bufA = new Float64Array(maxWidth);
    this.bufB = new Float64Array(maxWidth);
  }

  /** Output of the last layer's first unit for the row X[offset .. offset + inputSize). NaN inputs propagate. */
  forward(X: ArrayLike<number>, offset: number): number {
    let src: ArrayLike<number> = X;
    let srcOff = offset;
    let nIn = this.inputSize;
    let out = this.bufA;
    for (let k = 0; k < this.kernels.length; k++) {
      const W = this.kernels[k];
      const b = this.biases[k];
      const units = b.length;
      const act = this.acts[k];
      for (let j = 0; j < units; j++) {
        let z = b[j];
        const base = j * nIn;
        for (let i = 0; i < nIn; i++) z += src[srcOff + i] * W[base + i];
        out[j] = act === 0 ? z : act === 1 ? (z > 0 ? z : 0) : act === 2 ? Math.tanh(z) : sigmoid(z);
      }
      src = out;
      srcOff = 0;
      nIn = units;
      out = out === this.bufA ? this.bufB : this.bufA;
    }
    return src[0];
  }
}
