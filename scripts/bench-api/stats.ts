/** Latency summaries and the readable table of the API benchmarks. */

/** Latencies in milliseconds (float), grown as needed. */
export class LatencyLog {
  private buf = new Float64Array(4096);
  n = 0;

  add(ms: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = ms;
  }

  values(): Float64Array {
    return this.buf.subarray(0, this.n);
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Exact percentiles (nearest rank) of latencies in ms; NaN (null in JSON, n/a in tables) when empty. */
export function summarize(values: Float64Array): LatencySummary {
  const n = values.length;
  if (n === 0) return { count: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  const s = Float64Array.from(values).sort();
  const at = (q: number) => s[Math.min(n - 1, Math.max(0, Math.ceil((q / 100) * n) - 1))];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  return { count: n, p50: at(50), p95: at(95), p99: at(99), max: s[n - 1], mean: sum / n };
}

/** Rounds for the JSON line: 2 decimals (ms, req/s). */
export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** A Markdown table with right-aligned numeric columns. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const width = header.map((h, j) => Math.max(h.length, ...cells.map((r) => r[j].length)));
  const line = (r: string[]) => `| ${r.map((c, j) => (j === 0 ? c.padEnd(width[j]) : c.padStart(width[j]))).join(' | ')} |`;
  return [line(header), `|${width.map((w, j) => (j === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...cells.map(line)].join('\n');
}

function fmt(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}
