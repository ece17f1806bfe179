/**
 * A prom-client histogram whose buckets come already counted (RequestMetric rows, a SQL aggregate) instead of
 * from `observe()` calls, which would cost one call per request on every scrape. It is a custom collector: the
 * Registry only needs `name`, `help`, `type` and `get()` returning prom-client's metric object, and formats it
 * exactly as it formats its own Histogram (`_bucket{le}` cumulative, `le="+Inf"`, `_sum`, `_count`).
 */
import type { Histogram, Registry } from 'prom-client';

type Sample = { metricName: string; labels: Record<string, string | number>; value: number };

/** One label set: non-cumulative counts per bucket edge plus one overflow slot, and the sum of observed values. */
export interface HistogramSeries {
  labels: Record<string, string>;
  counts: readonly number[];
  sum: number;
}

export class AggregatedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly buckets: readonly number[];
  private readonly series: () => readonly HistogramSeries[];

  constructor(cfg: { name: string; help: string; buckets: readonly number[]; registers: Registry[]; series: () => readonly HistogramSeries[] }) {
    for (let i = 1; i < cfg.buckets.length; i++) if (!(cfg.buckets[i] > cfg.buckets[i - 1])) throw new RangeError(`histogram ${cfg.name}: bucket edges must increase, got ${cfg.buckets.join(', ')}`);
    this.name = cfg.name;
    this.help = cfg.help;
    this.buckets = cfg.buckets;
    this.series = cfg.series;
    for (const r of cfg.registers) r.registerMetric(this as unknown as Histogram);
  }

  /** prom-client's metric object (what `Histogram#get()` returns), which the Registry formats. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Sample[] }> {
    const values: Sample[] = [];
    for (const s of this.series()) {
      if (s.counts.length !== this.buckets.length + 1) throw new RangeError(`histogram ${this.name}: ${s.counts.length} counts for ${this.buckets.length} edges (+1 overflow expected)`);
      let cum = 0;
      for (let k = 0; k < this.buckets.length; k++) {
        cum += s.counts[k];
        values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: this.buckets[k] }, value: cum });
      }
      cum += s.counts[this.buckets.length];
      values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: cum });
      values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: s.labels, value: cum });
    }
    return { name: this.name, help: this.help, type: 'histogram', aggregator: 'sum', values };
  }

  /** Nothing is held between scrapes. */
  reset(): void {}
}
