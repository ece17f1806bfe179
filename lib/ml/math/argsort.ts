/**
 * Row order by (value ascending, then a tie-break) for large arrays of non-negative numbers, without a JS
 * comparator per comparison: values' IEEE bit patterns (monotone for x ≥ 0) keep their top 40 bits and carry the
 * row index in the low 24, a native BigUint64Array sort orders them, and one insertion-sort pass with the exact
 * comparator repairs the rare neighbours closer than 2⁻²⁸ relative. Falls back to a comparator sort above 2²⁴
 * rows or for negative/NaN values.
 */
export function argsortAsc(values: Float64Array, tieBreak: (a: number, b: number) => number): Uint32Array {
  const n = values.length;
  const exact = (a: number, b: number) => values[a] - values[b] || tieBreak(a, b);
  let ok = n <= 1 << 24;
  for (let i = 0; ok && i < n; i++) if (!(values[i] >= 0)) ok = false;
  if (!ok) return Uint32Array.from({ length: n }, (_, i) => i).sort(exact);
  const bits = new BigUint64Array(new Float64Array(values).buffer);
  const keys = new BigUint64Array(n);
  const mask = ~((1n << 24n) - 1n);
  for (let i = 0; i < n; i++) keys[i] = (bits[i] & mask) | BigInt(i);
  keys.sort();
  const out = new Uint32Array(n);
  const low = (1n << 24n) - 1n;
  for (let i = 0; i < n; i++) out[i] = Number(keys[i] & low);
  // Repair: neighbours that share the top 40 bits are ordered by index; the exact comparator decides.
  for (let i = 1; i < n; i++) {
    const x = out[i];
    let j = i - 1;
    if (exact(out[j], x) <= 0) continue;
    while (j >= 0 && exact(out[j], x) > 0) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x;
  }
  return out;
}
