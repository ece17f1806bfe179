'use client';

import { useState } from 'react';
import type { DashboardTargetingDTO } from '@/lib/api/dto';
import { apiFetch } from '@/components/ui/api-fetch';
import { VegaChart } from '@/components/data/vega-chart';
import { profitSpec } from './charts';
import { money, num, pct, prob } from './format';

/**
 * Retention targeting: campaign economics in, profit curve with the best threshold, the target list and its
 * CSV export out. Recomputed on the server over the whole batch (the browser only sees the first targets).
 */
export function TargetingView({ slug, options, initial }: { slug: string; options: { horizon?: string; value?: string }; initial: DashboardTargetingDTO }) {
  const [data, setData] = useState(initial);
  const [form, setForm] = useState({ cost: String(initial.params.costPerContact), retained: String(initial.params.valueRetained), success: String(initial.params.successRate) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const query = (p: typeof form) => {
    const q = new URLSearchParams({ cost: p.cost, retained: p.retained, success: p.success });
    if (options.horizon) q.set('horizon', options.horizon);
    if (options.value) q.set('value', options.value);
    return q.toString();
  };
  const applied = { cost: String(data.params.costPerContact), retained: String(data.params.valueRetained), success: String(data.params.successRate) };
  const base = `/api/dashboards/${encodeURIComponent(slug)}/targeting`;

  async function recompute(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await apiFetch<{ targeting: DashboardTargetingDTO }>(`${base}?${query(form)}`);
    setBusy(false);
    if (r.ok) {
      setData(r.data.targeting);
      setError(null);
    } else setError(r.error);
  }

  const field = (k: keyof typeof form, label: string, step: string, max?: number) => (
    <label>
      {label}
      <input name={k} type="number" min={0} max={max} step={step} value={form[k]} onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))} style={{ width: 140 }} />
    </label>
  );

  return (
    <div className="stack">
      <form className="card row" onSubmit={recompute} aria-label="Campaign economics">
        {field('cost', 'Offer cost per contact', 'any')}
        {field('retained', 'Value of a retained customer', 'any')}
        {field('success', 'Success rate (0–1)', '0.01', 1)}
        <button className="btn btn-primary" type="submit" disabled={busy} style={{ alignSelf: 'flex-end' }}>
          {busy ? 'Computing…' : 'Recompute'}
        </button>
      </form>
      {error && <div className="alert alert-error">{error}</div>}
      <div className="grid">
        <div className="card stack" data-testid="targeting-summary">
          <span className="muted">Best threshold</span>
          <strong style={{ fontSize: 26 }} data-testid="best-threshold">
            {data.threshold === null ? 'contact nobody' : prob(data.threshold)}
          </strong>
          <span>
            Contact <strong data-testid="targets-count">{num(data.contacted)}</strong> of {num(data.customers)} customers ({pct(data.contacted / data.customers)}) for an expected profit of{' '}
            <strong data-testid="targets-profit">{money(data.expectedProfit)}</strong>.
          </span>
          <span className="muted">Expected profit of a contact = P(churn) × success rate × retained value − offer cost.</span>
          <a className="btn" href={`${base}/export?${query(applied)}`} download data-testid="export-targets">
            Export targets (CSV)
          </a>
        </div>
        <div className="card stack">
          <h2>Profit curve</h2>
          <VegaChart spec={profitSpec(data.curve, data.threshold)} label="Expected profit by threshold" />
        </div>
      </div>
      <table className="table" data-testid="targets-table">
        <thead>
          <tr>
            <th>Customer</th>
            <th>P(churn)</th>
            <th>Monthly value</th>
            <th>Expected profit</th>
          </tr>
        </thead>
        <tbody>
          {data.targets.map((t) => (
            <tr key={t.customerId}>
              <td>{t.customerId}</td>
              <td>{prob(t.probability)}</td>
              <td>{t.value === null ? '—' : t.value.toFixed(2)}</td>
              <td>{t.expectedProfit.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.contacted > data.targets.length && <p className="muted">The first {num(data.targets.length)} targets are shown; the CSV has all {num(data.contacted)}.</p>}
    </div>
  );
}
