/**
 * /api/metrics on prom-client against a real PostgreSQL: the whole body parses as Prometheus text exposition
 * (HELP and TYPE before each family's samples, valid names and label sets, no duplicate series; histograms
 * with cumulative, non-decreasing `_bucket{le}` ending at `+Inf` = `_count`, and `_sum`), the numbers match the
 * stored RequestMetric and Job rows, and prom-client's default process metrics are included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await t.drop();
});

interface Family {
  name: string;
  help?: string;
  type?: string;
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;

/** A strict reader of the text exposition format 0.0.4; throws on the first malformed line. */
function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const familyOf = (sample: string): Family | undefined => families.get(sample) ?? families.get(sample.replace(/_(bucket|sum|count)$/, ''));
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (!NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      const f = families.get(name) ?? { name, samples: [] };
      if (kind === 'HELP') {
        if (f.help !== undefined) throw new Error(`second HELP for ${name}`);
        f.help = rest;
      } else {
        if (f.type !== undefined || f.samples.length) throw new Error(`TYPE for ${name} after its samples or twice`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`bad type: ${line}`);
        f.type = rest;
      }
      families.set(name, f);
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const [, name, , labelText = '', valueText] = m;
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const l = LABEL.exec(labelText);
      if (!l) throw new Error(`bad labels in: ${line}`);
      if (l[1] in labels) throw new Error(`duplicate label ${l[1]} in: ${line}`);
      labels[l[1]] = l[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    // Prometheus parses values with Go's ParseFloat: NaN in any case (prom-client writes `Nan`), ±Inf
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : /^nan$/i.test(valueText) ? NaN : Number(valueText);
    if (!/^nan$/i.test(valueText) && (Number.isNaN(value) || valueText.trim() === '')) throw new Error(`bad value in: ${line}`);
    const f = familyOf(name);
    if (!f?.type || f.help === undefined) throw new Error(`sample before its HELP/TYPE: ${line}`);
    if (f.type !== 'histogram' && f.type !== 'summary' && name !== f.name) throw new Error(`sample ${name} outside family ${f.name}`);
    f.samples.push({ name, labels, value });
  }
  for (const f of families.values()) {
    const keys = new Set<string>();
    for (const s of f.samples) {
      const k = `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`;
      if (keys.has(k)) throw new Error(`duplicate series ${k}`);
      keys.add(k);
    }
    if (f.type === 'histogram') checkHistogram(f);
  }
  return families;
}

function checkHistogram(f: Family): void {
  const groups = new Map<string, { le: number; value: number }[]>();
  const key = (l: Record<string, string>) => JSON.stringify(Object.entries(l).filter(([k]) => k !== 'le').sort());
  for (const s of f.samples.filter((x) => x.name === `${f.name}_bucket`)) {
    expect(s.labels.le).toBeDefined();
    const g = groups.get(key(s.labels)) ?? [];
    g.push({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), value: s.value });
    groups.set(key(s.labels), g);
  }
  for (const [k, buckets] of groups) {
    for (let i = 1; i < buckets.length; i++) {
      expect(buckets[i].le, `${f.name} ${k}: le increasing`).toBeGreaterThan(buckets[i - 1].le);
      expect(buckets[i].value, `${f.name} ${k}: cumulative`).toBeGreaterThanOrEqual(buckets[i - 1].value);
    }
    expect(buckets.at(-1)!.le).toBe(Infinity);
    const count = f.samples.find((s) => s.name === `${f.name}_count` && key(s.labels) === k);
    const sum = f.samples.find((s) => s.name === `${f.name}_sum` && key(s.labels) === k);
    expect(count?.value, `${f.name} ${k}: _count = +Inf bucket`).toBe(buckets.at(-1)!.value);
    expect(sum, `${f.name} ${k}: _sum`).toBeDefined();
  }
}

describe('/api/metrics (prom-client)', () => {
  it('parses as Prometheus text exposition, with the stored numbers', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { LATENCY_BUCKETS_MS } = await import('@/lib/monitoring/slo');
    const hist = (...pairs: [number, number][]) => {
      const h = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
      for (const [i, c] of pairs) h[i] += c;
      return h;
    };
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await db().requestMetric.createMany({
      data: [
        { minute, route: '/api/v1/predict', modelName: 'm', modelVersion: 2, statusClass: '2xx', count: 7, latencyHist: hist([0, 3], [2, 4]), latencySumMs: 70, probHist: [1, 0, 0, 0, 0, 0, 0, 0, 2, 4] },
        { minute: new Date(minute.getTime() - 60_000), route: '/api/v1/predict', modelName: 'm', modelVersion: 2, statusClass: '2xx', count: 3, latencyHist: hist([1, 3]), latencySumMs: 6, probHist: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { minute, route: '/api/v1/predict', modelName: 'm', modelVersion: 2, statusClass: '5xx', count: 1, latencyHist: hist([LATENCY_BUCKETS_MS.length, 1]), latencySumMs: 9000 },
        { minute, route: '/api/v1/predict', statusClass: '4xx', count: 2, latencyHist: hist([0, 2]), latencySumMs: 1 },
      ],
    });
    const at = (s: number) => new Date(Date.now() - s * 1000);
    await db().job.createMany({
      data: [
        { id: 'j1', type: 'train', version: 1, payload: {}, status: 'succeeded', startedAt: at(100), finishedAt: at(70) }, // 30 s
        { id: 'j2', type: 'train', version: 1, payload: {}, status: 'succeeded', startedAt: at(10), finishedAt: at(7) }, // 3 s
        { id: 'j3', type: 'ingest', version: 1, payload: {}, status: 'failed', startedAt: at(50_000), finishedAt: at(10) }, // > 4 h
        { id: 'j4', type: 'ingest', version: 1, payload: {}, status: 'queued' },
      ],
    });
    const { metricsText, metricsContentType } = await import('@/lib/server/monitoring/metrics-endpoint');
    expect(metricsContentType()).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await metricsText();
    const fams = parseExposition(text);
    const sample = (family: string, name: string, labels: Record<string, string>) => fams.get(family)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(fams.get('churnlab_prediction_requests_total')?.type).toBe('counter');
    expect(sample('churnlab_prediction_requests_total', 'churnlab_prediction_requests_total', { route: '/api/v1/predict', status_class: '2xx', model: 'm', version: '2' })).toBe(10);
    expect(sample('churnlab_prediction_requests_total', 'churnlab_prediction_requests_total', { status_class: '5xx' })).toBe(1);
    expect(sample('churnlab_prediction_requests_total', 'churnlab_prediction_requests_total', { status_class: '4xx', model: '', version: '0' })).toBe(2);
    expect(text).toContain('churnlab_prediction_requests_total{route="/api/v1/predict",status_class="2xx",model="m",version="2"} 10');

    const lat = fams.get('churnlab_prediction_latency_seconds')!;
    expect(lat.type).toBe('histogram');
    expect(lat.samples.filter((s) => s.name.endsWith('_bucket'))).toHaveLength(LATENCY_BUCKETS_MS.length + 1);
    expect(sample('churnlab_prediction_latency_seconds', 'churnlab_prediction_latency_seconds_bucket', { le: String(LATENCY_BUCKETS_MS[0] / 1000) })).toBe(5);
    expect(sample('churnlab_prediction_latency_seconds', 'churnlab_prediction_latency_seconds_bucket', { le: String(LATENCY_BUCKETS_MS[2] / 1000) })).toBe(12);
    expect(sample('churnlab_prediction_latency_seconds', 'churnlab_prediction_latency_seconds_count', { route: '/api/v1/predict' })).toBe(13);
    expect(sample('churnlab_prediction_latency_seconds', 'churnlab_prediction_latency_seconds_sum', { route: '/api/v1/predict' })).toBeCloseTo(9.077, 9);

    expect(sample('churnlab_predictions_total', 'churnlab_predictions_total', { decile: '0.0-0.1' })).toBe(4);
    expect(sample('churnlab_predictions_total', 'churnlab_predictions_total', { decile: '0.9-1.0' })).toBe(4);
    expect(fams.get('churnlab_predictions_total')!.samples.reduce((a, s) => a + s.value, 0)).toBe(10);
    expect(fams.get('churnlab_model_in_service')?.type).toBe('gauge');

    expect(fams.get('churnlab_jobs_total')?.type).toBe('counter');
    expect(sample('churnlab_jobs_total', 'churnlab_jobs_total', { type: 'train', status: 'succeeded' })).toBe(2);
    expect(sample('churnlab_jobs_total', 'churnlab_jobs_total', { type: 'ingest', status: 'failed' })).toBe(1);
    expect(sample('churnlab_jobs_active', 'churnlab_jobs_active', { type: 'ingest', status: 'queued' })).toBe(1);
    expect(sample('churnlab_jobs_total', 'churnlab_jobs_total', { status: 'queued' })).toBeUndefined();
    const b = (le: string, type = 'train') => sample('churnlab_job_duration_seconds', 'churnlab_job_duration_seconds_bucket', { type, le });
    expect([b('1'), b('5'), b('15'), b('60'), b('+Inf')]).toEqual([0, 1, 1, 2, 2]);
    expect([b('14400', 'ingest'), b('+Inf', 'ingest')]).toEqual([0, 1]);
    expect(sample('churnlab_job_duration_seconds', 'churnlab_job_duration_seconds_sum', { type: 'train' })).toBeCloseTo(33, 0);

    // prom-client's default process metrics
    expect(fams.get('process_cpu_seconds_total')?.type).toBe('counter');
    expect(fams.get('nodejs_heap_size_used_bytes')?.type).toBe('gauge');
    expect(fams.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');

    // a second scrape is identical in the database-backed families (totals, not increments)
    const again = parseExposition(await metricsText());
    expect(again.get('churnlab_prediction_requests_total')!.samples).toEqual(fams.get('churnlab_prediction_requests_total')!.samples);
    expect(again.get('churnlab_job_duration_seconds')!.samples).toEqual(fams.get('churnlab_job_duration_seconds')!.samples);
    // two at once do not interleave
    const [x, y] = await Promise.all([metricsText(), metricsText()]);
    expect(parseExposition(x).get('churnlab_jobs_total')!.samples).toEqual(parseExposition(y).get('churnlab_jobs_total')!.samples);
  });

  it('the registry survives a module reload (kept on globalThis: no duplicate registration)', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    const fresh = await import('@/lib/server/monitoring/metrics-endpoint');
    const text = await fresh.metricsText();
    expect(text.match(/^# TYPE churnlab_jobs_total /gm)).toHaveLength(1);
  });
});
