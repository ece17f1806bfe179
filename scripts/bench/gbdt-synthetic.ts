/**
 * Synthetic wide data for the gbdt memory/time bench: nRows × nFeatures row-major Float64Array.
 * Features cycle through continuous (with 2 % NaN), binary and 10-level integer columns; the label is a
 * noisy logistic function of a few of them. Uses a local mulberry32 so generation is fast and seeded.
 */
export function makeWideSynthetic(nRows: number, nFeatures: number, seed = 42): { X: Float64Array; y: Uint8Array; featureNames: string[] } {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const X = new Float64Array(nRows * nFeatures);
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const base = i * nFeatures;
    let z = -1;
    for (let f = 0; f < nFeatures; f++) {
      const kind = f % 3;
      const u = rand();
      let v: number;
      if (kind === 0) v = rand() < 0.02 ? NaN : u * 200 - 100;
      else if (kind === 1) v = u < 0.3 ? 1 : 0;
      else v = Math.floor(u * 10);
      X[base + f] = v;
      if (f < 6 && v === v) z += kind === 0 ? v / 50 : kind === 1 ? -1.2 * v : 0.15 * v;
    }
    z += (rand() - 0.5) * 2;
    y[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const featureNames = Array.from({ length: nFeatures }, (_, f) => `s${f}`);
  return { X, y, featureNames };
}
