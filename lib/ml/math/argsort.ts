/**
 * Row order by (value ascending, then a tie-break) for large arrays of non-negative numbers, without a JS
 * comparator per comparison: values' IEEE bit patterns (monotone for x ≥ 0) keep their top 40 bits and carry the
 * row index in the low 24, still as doubles, so a native Float64Array sort orders them; one insertion-sort pass
 * with the exact comparator repairs the rare neighbours closer than 2⁻²⁸ relative. Falls back to a comparator sort
 * above 2²⁴ rows, for negative, infinite or NaN values, and on big-endian machines.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function argsortAsc(values: Float64Array, tieBreak: (a: number, b: number) => number): Uint32Array {
  const n = values.length;
  const exact = (a: number, b: number) => values[a] - values[b] || tieBreak(a, b);
  let ok = n <= 1 << 24 && LITTLE_ENDIAN;
  for (let i = 0; ok && i < n; i++) if (!(values[i] >= 0 && values[i] < Infinity)) ok = false;
  if (!ok) return Uint32Array.from({ length: n }, (_, i) => i).sort(exact);
  // + 0 turns −0 into +0 (its sign bit would sort it below every positive value)
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = values[i] + 0;
  // little-endian words: the low word of double i is at 2i; an index ≤ 2²⁴ − 1 replaces its low 24 bits, and the
  // result is still a finite non-negative double (Infinity would turn into a NaN pattern, hence the fallback)
  const words = new Uint32Array(packed.buffer);
  for (let i = 0; i < n; i++) words[2 * i] = ((words[2 * i] & 0xff000000) | i) >>> 0;
  packed.sort();
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = words[2 * i] & 0xffffff;
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
