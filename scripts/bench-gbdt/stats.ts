/** Small figures of `bench:gbdt`: median, linear-interpolated percentile and the machine's load average. */
import { readFileSync } from 'node:fs';

export function median(a: number[]): number {
  const s = a.slice().sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function pct(values: Float64Array, q: number): number {
  const s = Float64Array.from(values).sort();
  const k = ((s.length - 1) * q) / 100;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (k - lo);
}

export function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
