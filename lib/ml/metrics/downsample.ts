/**
 * Indices of at most maxPoints evenly spaced points of an n-point curve, always including the first and
 * last point and every index in `keep`; ascending, no duplicates.
 */
export function downsampleIndices(n: number, maxPoints: number, keep: readonly number[] = []): number[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`downsampleIndices: maxPoints = ${maxPoints} must be an integer ≥ 2`);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const extra = Array.from(new Set(keep.filter((k) => Number.isInteger(k) && k > 0 && k < n - 1))).slice(0, maxPoints - 2);
  const slots = maxPoints - extra.length;
  const picked = new Set<number>(extra);
  for (let s = 0; s < slots; s++) picked.add(Math.round((s * (n - 1)) / (slots - 1)));
  return Array.from(picked).sort((a, b) => a - b);
}

/** Picks `indices` from an array-like into a plain number array. */
export function pick(values: ArrayLike<number>, indices: readonly number[]): number[] {
  const out = new Array<number>(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}
