import type { DashboardContextDTO, DashboardCustomerDetailDTO } from '@/lib/api/dto';
import { plainReason } from '@/lib/dashboards/reasons';
import { VegaChart } from '@/components/data/vega-chart';
import { trendSpec } from './charts';
import { prob } from './format';
import { WhatIfPanel } from './what-if-panel';

/** One customer: current score, reasons in plain words, score history over batches, the what-if panel. */
export function CustomerDetailView({ ctx, detail }: { ctx: DashboardContextDTO; detail: DashboardCustomerDetailDTO }) {
  const c = detail.current;
  // What-if fields: contract/payment/location (categorical segments), the monthly value, then tenure.
  const fields = [
    ...ctx.segmentColumns.filter((s) => s.mode === 'categorical').map((s) => s.name),
    ...(ctx.valueColumn ? [ctx.valueColumn] : []),
    ...ctx.segmentColumns.filter((s) => s.mode === 'binned').map((s) => s.name),
  ];
  return (
    <div className="stack">
      <div className="grid">
        <div className="card stack" data-testid="customer-summary">
          <h2 style={{ margin: 0 }} data-testid="customer-id">
            {detail.customerId}
          </h2>
          <span>
            P(churn) <strong data-testid="customer-probability">{prob(c.probability)}</strong> · decile {c.decile}{' '}
            {c.label === 1 ? <span className="badge badge-failed">high risk</span> : <span className="badge">below threshold</span>}
          </span>
          {ctx.valueColumn && (
            <span className="muted">
              {ctx.valueColumn}: {c.value === null ? '—' : c.value.toFixed(2)}
            </span>
          )}
          {Object.entries(c.segments).map(([k, v]) => (
            <span key={k} className="muted">
              {k}: {v}
            </span>
          ))}
        </div>
        <div className="card stack">
          <h2 style={{ margin: 0 }}>Why</h2>
          {detail.reasons && detail.reasons.length ? (
            <ul data-testid="customer-reasons">
              {detail.reasons.map((r) => (
                <li key={r.feature}>
                  {plainReason(r)} <span className="muted">({r.contribution >= 0 ? '+' : ''}{r.contribution.toFixed(3)})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Reasons are stored for the riskiest customers of a batch; use the what-if below to explain this one.</p>
          )}
        </div>
        <div className="card stack" data-testid="customer-history">
          <h2 style={{ margin: 0 }}>Score history</h2>
          <VegaChart spec={trendSpec(detail.history.map((h) => ({ batchDate: h.batchDate, value: h.probability })), 'P(churn)', '.2f')} label="Churn probability per batch" />
          <table className="table">
            <thead>
              <tr>
                <th>Batch</th>
                <th>Model</th>
                <th>P(churn)</th>
                <th>Decile</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h) => (
                <tr key={h.batchId}>
                  <td>{h.batchDate}</td>
                  <td>v{h.modelVersion}</td>
                  <td>{prob(h.probability)}</td>
                  <td>{h.decile}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <WhatIfPanel record={detail.record} scorer={detail.scorer} fields={fields} />
    </div>
  );
}
