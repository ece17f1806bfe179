'use client';

import { useMemo } from 'react';
import { VegaChart } from '@/components/data/vega-chart';
import type { SloSummaryDTO } from '@/lib/api/dto';
import { pct } from './monitor-format';
import { decileSpec, trafficSpec } from './monitor-specs';

/** The prediction API's SLOs: availability and latency, error budget left, burn rates, traffic and errors, deciles. */
export function SloSection({ slo }: { slo: SloSummaryDTO | null }) {
  const traffic = useMemo(() => (slo && slo.series.length ? trafficSpec(slo.series) : null), [slo]);
  const deciles = useMemo(() => (slo && slo.deciles.length ? decileSpec(slo.deciles) : null), [slo]);
  if (!slo) return null;
  const rows = [
    { name: `availability (target ${pct(slo.targets.availability, 2)})`, s: slo.availability, extra: `${slo.availability.total - slo.availability.bad} / ${slo.availability.total} good` },
    { name: `latency ≤ ${slo.targets.latencyThresholdMs} ms (target ${pct(slo.targets.latencyTarget, 0)})`, s: slo.latency, extra: `p50 ${slo.latency.p50Ms?.toFixed(1) ?? '—'} ms · p95 ${slo.latency.p95Ms?.toFixed(1) ?? '—'} ms` },
  ];
  return (
    <section className="card stack" aria-labelledby="slo-h">
      <h3 id="slo-h">Prediction API SLOs (30 days)</h3>
      <table className="table" aria-label="SLO status">
        <thead>
          <tr>
            <th>objective</th>
            <th>SLI</th>
            <th>error budget left</th>
            <th>burn 1 h / 5 min</th>
            <th>burn 6 h / 30 min</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, s, extra }) => (
            <tr key={name}>
              <td>{name}</td>
              <td>
                {s.total ? pct(s.ratio, 3) : 'no traffic'}
                <div className="muted">{extra}</div>
              </td>
              <td>
                <span className={`badge ${s.budgetRemaining < 0 ? 'badge-failed' : s.budgetRemaining < 0.25 ? 'badge-stale' : 'badge-passed'}`}>{pct(s.budgetRemaining, 1)}</span>
              </td>
              {s.burn.map((b) => (
                <td key={b.window}>
                  <span className={`badge ${b.firing ? 'badge-failed' : 'badge-passed'}`}>
                    {b.longBurn.toFixed(2)}× / {b.shortBurn.toFixed(2)}×
                  </span>{' '}
                  <span className="muted">alert ≥ {b.threshold}×</span>
                </td>
              ))}
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid">
        {traffic ? <VegaChart spec={traffic} label="requests, errors and p95 latency per minute" /> : <p className="muted">No prediction traffic recorded yet.</p>}
        {deciles && <VegaChart spec={deciles} label="predictions by probability decile" />}
      </div>
    </section>
  );
}
