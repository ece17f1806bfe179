/**
 * Prometheus text exposition format 0.0.4 (the format prom-client writes; prom-client itself is not a dependency
 * here): `# HELP`, `# TYPE`, then `name{label="value"} number` lines; label values escape `\`, `"` and newlines;
 * histograms as cumulative `_bucket{le=…}` series ending with `le="+Inf"`, plus `_sum` and `_count`.
 */

export type Labels = Record<string, string | number>;

export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(l: Labels): string {
  const keys = Object.keys(l);
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(String(l[k]))}"`).join(',')}}`;
}

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export class MetricsText {
  private lines: string[] = [];

  private head(name: string, type: string, help: string): void {
    if (!NAME.test(name)) throw new RangeError(`invalid metric name "${name}"`);
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`);
  }

  /** A counter or gauge family with one sample per label set. */
  family(name: string, type: 'counter' | 'gauge', help: string, samples: readonly { labels: Labels; value: number }[]): this {
    this.head(name, type, help);
    for (const s of samples) this.lines.push(`${name}${labelText(s.labels)} ${num(s.value)}`);
    return this;
  }

  /** A histogram family: `counts` per upper edge in `edges` plus one overflow slot (non-cumulative in, cumulative out). */
  histogram(name: string, help: string, edges: readonly number[], series: readonly { labels: Labels; counts: readonly number[]; sum: number }[]): this {
    this.head(name, 'histogram', help);
    for (const s of series) {
      if (s.counts.length !== edges.length + 1) throw new RangeError(`histogram ${name}: ${s.counts.length} counts for ${edges.length} edges (+1 overflow expected)`);
      let cum = 0;
      for (let k = 0; k < edges.length; k++) {
        cum += s.counts[k];
        this.lines.push(`${name}_bucket${labelText({ ...s.labels, le: num(edges[k]) })} ${cum}`);
      }
      cum += s.counts[edges.length];
      this.lines.push(`${name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${cum}`);
      this.lines.push(`${name}_sum${labelText(s.labels)} ${num(s.sum)}`);
      this.lines.push(`${name}_count${labelText(s.labels)} ${cum}`);
    }
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
