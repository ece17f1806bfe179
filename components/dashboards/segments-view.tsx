import Link from 'next/link';
import type { DashboardSegmentDTO } from '@/lib/api/dto';
import { VegaChart } from '@/components/data/vega-chart';
import { segmentSpec } from './charts';
import { money, num, pct } from './format';

function title(s: DashboardSegmentDTO): string {
  const role = { contract: 'Contract type', location: 'Location', tenure: 'Tenure category', payment: 'Payment method', other: 'Segment' }[s.role] ?? 'Segment';
  return `${role} (${s.column})`;
}

/** One card per segment column: bars of mean risk and revenue at risk; bars and rows drill into the customers. */
export function SegmentsView({ segments, customersHref }: { segments: DashboardSegmentDTO[]; customersHref: (column: string, segment: string) => string }) {
  if (segments.length === 0) return <div className="empty">No segment columns were found in this project&apos;s data.</div>;
  return (
    <div className="stack">
      {segments.map((s) => {
        const rows = s.rows.map((r) => ({ ...r, href: customersHref(s.column, r.segment) }));
        return (
          <section key={s.column} className="card stack" data-testid={`segment-${s.column}`}>
            <h2>{title(s)}</h2>
            <div className="grid">
              <VegaChart spec={segmentSpec(rows, 'meanProbability')} label={`Mean churn probability by ${s.column}`} />
              <VegaChart spec={segmentSpec(rows, 'revenueAtRisk')} label={`Revenue at risk by ${s.column}`} />
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>{s.column}</th>
                  <th>Customers</th>
                  <th>Mean P(churn)</th>
                  <th>High risk</th>
                  <th>Revenue at risk</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.segment}>
                    <td>
                      <Link href={r.href} data-testid="segment-link">
                        {r.segment}
                      </Link>
                    </td>
                    <td>{num(r.customers)}</td>
                    <td>{r.meanProbability.toFixed(3)}</td>
                    <td>
                      {num(r.highRisk)} ({pct(r.highRiskShare)})
                    </td>
                    <td>{money(r.revenueAtRisk)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
