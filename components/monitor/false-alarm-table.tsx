'use client';

import { pct } from './monitor-format';

/** What `POST …/monitor/false-alarms` answers. */
export interface FalseAlarmView {
  trials: number;
  batchSize: number;
  features: { name: string; method: string; fireRate: number; psiActRate: number }[];
  datasetDriftRate: number;
}

/** How often each drift test (and dataset drift) fired on resamples of unchanged reference data. */
export function FalseAlarmTable({ check }: { check: FalseAlarmView }) {
  return (
    <table className="table" aria-label="false-alarm check">
      <thead>
        <tr>
          <th>feature</th>
          <th>test</th>
          <th>fires on unchanged data</th>
          <th>PSI ≥ act</th>
        </tr>
      </thead>
      <tbody>
        {check.features.map((f) => (
          <tr key={f.name}>
            <td>{f.name}</td>
            <td>{f.method}</td>
            <td>
              <span className={`badge ${f.fireRate > 0.1 ? 'badge-failed' : f.fireRate > 0.05 ? 'badge-stale' : 'badge-passed'}`}>{pct(f.fireRate, 0)}</span>
            </td>
            <td>{pct(f.psiActRate, 0)}</td>
          </tr>
        ))}
        <tr>
          <td colSpan={2}>dataset drift</td>
          <td>{pct(check.datasetDriftRate, 0)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
