import type { DashboardOverviewDTO } from '@/lib/api/dto';
import { VegaChart } from '@/components/data/vega-chart';
import { histogramSpec, trendSpec } from './charts';
import { money, num, pct } from './format';

function Kpi({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="card stack" data-testid={testId}>
      <span className="muted">{label}</span>
      <strong style={{ fontSize: 26 }} data-testid={`${testId}-value`}>
        {value}
      </strong>
      {note && <span className="muted">{note}</span>}
    </div>
  );
}

/** Headline numbers, the risk distribution and the trend over nightly batches. */
export function OverviewView({ o }: { o: DashboardOverviewDTO }) {
  return (
    <div className="stack">
      <div className="grid">
        <Kpi testId="kpi-customers" label="Customers scored" value={num(o.customers)} note={`mean P(churn) ${o.meanProbability.toFixed(3)}`} />
        <Kpi testId="kpi-high-risk" label="Share at high risk" value={pct(o.highRiskShare)} note={`${num(o.highRisk)} customers with P(churn) ≥ ${o.batch.threshold.toFixed(2)}`} />
        <Kpi
          testId="kpi-revenue"
          label={`Expected revenue at risk (${o.horizonMonths} months)`}
          value={money(o.revenueAtRisk)}
          note={o.valueColumn ? `Σ P(churn) × ${o.valueColumn} × ${o.horizonMonths}${o.revenueTotal ? ` — ${pct((o.revenueAtRisk ?? 0) / o.revenueTotal)} of ${money(o.revenueTotal)}` : ''}` : 'choose a monthly value column above'}
        />
      </div>
      <div className="grid">
        <div className="card stack">
          <h2>Risk distribution</h2>
          <VegaChart spec={histogramSpec(o.histogram, o.batch.threshold)} label="Customers by churn probability" />
        </div>
        <div className="card stack" data-testid="trend">
          <h2>Trend over batches</h2>
          {o.trend.length < 2 && <p className="muted">One batch so far: the trend fills in as nightly batches run.</p>}
          <VegaChart spec={trendSpec(o.trend.map((t) => ({ batchDate: t.batchDate, value: t.highRiskShare })), 'share at high risk', '.1%')} label="Share at high risk per batch" />
          {o.valueColumn && <VegaChart spec={trendSpec(o.trend.map((t) => ({ batchDate: t.batchDate, value: t.revenueAtRisk })), 'revenue at risk', ',.0f')} label="Revenue at risk per batch" />}
          <div style={{ overflowX: 'auto' }}>
          <table className="table">
            <thead>
              <tr>
                <th>Batch date</th>
                <th>Model</th>
                <th>Customers</th>
                <th>High risk</th>
                <th>Revenue at risk</th>
              </tr>
            </thead>
            <tbody>
              {o.trend.map((t) => (
                <tr key={t.batchId}>
                  <td>{t.batchDate}</td>
                  <td>v{t.modelVersion}</td>
                  <td>{num(t.customers)}</td>
                  <td>{pct(t.highRiskShare)}</td>
                  <td>{money(t.revenueAtRisk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        </div>
      </div>
    </div>
  );
}
