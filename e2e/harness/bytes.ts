/**
 * Exact transport of Float64 data between Node, a Chromium page and a worker thread: the IEEE-754 bytes as
 * base64, so NaN, −0 and every last bit survive (JSON would turn NaN into null). Uses only `btoa`/`atob`,
 * which Node ≥ 16 and browsers both provide, so the same file is imported by specs and bundled for the page.
 */

const CHUNK = 0x8000;

/** Base64 of the bytes of `a` (platform byte order; both ends are little-endian x86/ARM here). */
export function f64ToBase64(a: Float64Array): string {
  const u8 = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let bin = '';
  // fromCharCode over a whole multi-MB array would overflow the argument limit; chunks keep it bounded.
  for (let i = 0; i < u8.length; i += CHUNK) bin += String.fromCharCode.apply(null, u8.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(bin);
}

/** Inverse of `f64ToBase64`. Throws RangeError when the byte count is not a multiple of 8. */
export function f64FromBase64(b64: string): Float64Array {
  const u8 = bytesFromBase64(b64);
  if (u8.length % 8 !== 0) throw new RangeError(`base64 decodes to ${u8.length} bytes, not a multiple of 8`);
  return new Float64Array(u8.buffer, 0, u8.length / 8);
}

/** Base64 of raw bytes (e.g. a Parquet file). */
export function bytesToBase64(u8: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < u8.length; i += CHUNK) bin += String.fromCharCode.apply(null, u8.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(bin);
}

/** Inverse of `bytesToBase64`; the result owns a fresh ArrayBuffer. */
export function bytesFromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const u8 = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u8[i] = bin.charCodeAt(i);
  return u8;
}

/** First difference between two Float64 arrays, compared bit for bit (NaN payloads and −0 included). */
export interface BitDiff {
  /** 'length' when the lengths differ, else the first differing index. */
  index: number | 'length';
  /** Values (or lengths) on each side; Object.is-distinct values print distinctly (−0, NaN). */
  left: string;
  right: string;
  /** Number of differing elements (0 when only the lengths differ). */
  count: number;
}

/** Null when `a` and `b` hold exactly the same bits, else where and how they first differ. */
export function bitDiff(a: Float64Array, b: Float64Array): BitDiff | null {
  if (a.length !== b.length) return { index: 'length', left: String(a.length), right: String(b.length), count: 0 };
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  let first = -1;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (ua[2 * i] !== ub[2 * i] || ua[2 * i + 1] !== ub[2 * i + 1]) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return null;
  const show = (v: number) => (Object.is(v, -0) ? '-0' : v.toPrecision(17));
  return { index: first, left: show(a[first]), right: show(b[first]), count };
}

/**
 * Distance in units in the last place between two finite doubles of the same sign (0 when bit-identical);
 * Infinity when they differ in sign or either is non-finite and they are not identical.
 */
export function ulpDistance(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  const v = new Float64Array([a, b]);
  const bits = new BigInt64Array(v.buffer);
  const d = bits[0] - bits[1];
  return Number(d < 0n ? -d : d);
}
