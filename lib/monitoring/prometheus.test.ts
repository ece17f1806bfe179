import { describe, expect, it } from 'vitest';
import { escapeLabel, MetricsText } from './prometheus';
import { backoffMs, slackPayload } from './alert-rules';

describe('Prometheus text format', () => {
  it('writes HELP/TYPE, escaped labels and cumulative histogram buckets ending at +Inf', () => {
    const text = new MetricsText()
      .family('x_total', 'counter', 'a counter', [{ labels: { route: 'a"b\\c\nd' }, value: 3 }])
      .histogram('lat_seconds', 'latency', [0.1, 0.5], [{ labels: { route: '/p' }, counts: [1, 2, 3], sum: 4.5 }])
      .toString();
    expect(text).toBe(
      [
        '# HELP x_total a counter',
        '# TYPE x_total counter',
        'x_total{route="a\\"b\\\\c\\nd"} 3',
        '# HELP lat_seconds latency',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{route="/p",le="0.1"} 1',
        'lat_seconds_bucket{route="/p",le="0.5"} 3',
        'lat_seconds_bucket{route="/p",le="+Inf"} 6',
        'lat_seconds_sum{route="/p"} 4.5',
        'lat_seconds_count{route="/p"} 6',
        '',
      ].join('\n'),
    );
    expect(escapeLabel('plain')).toBe('plain');
    expect(() => new MetricsText().family('bad-name', 'gauge', 'x', [])).toThrow(/invalid metric name/);
    expect(() => new MetricsText().histogram('h', 'x', [1], [{ labels: {}, counts: [1], sum: 0 }])).toThrow(/1 counts for 1 edges/);
  });
});

describe('alert payloads', () => {
  it('Slack-compatible {text, blocks} and exponential backoff', () => {
    const p = slackPayload({ title: 'drift <x>', severity: 'warning', project: 'demo', occurrences: 2, lines: ['• a: 1'] });
    expect(p.text).toBe(':warning: [warning] demo: drift <x>');
    expect(p.blocks).toHaveLength(3);
    expect(JSON.stringify(p.blocks[1])).toContain('• a: 1');
    expect([1, 2, 3, 4].map((t) => backoffMs(t, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, 1000, 60_000)).toBe(60_000);
  });
});
