import Link from 'next/link';
import type { DashboardContextDTO } from '@/lib/api/dto';
import { dashboardBase } from './format';

const TABS = [
  { key: 'overview', label: 'Overview', path: '' },
  { key: 'segments', label: 'Segments', path: '/segments' },
  { key: 'customers', label: 'At-risk customers', path: '/customers' },
  { key: 'targeting', label: 'Retention targeting', path: '/targeting' },
] as const;

/**
 * Title, the batch the numbers come from (model version and batch date), tabs, and the options form
 * (monthly value column, horizon) that every dashboard page reads from its query string.
 */
export function DashboardHeader({ ctx, active, query }: { ctx: DashboardContextDTO; active: (typeof TABS)[number]['key']; query: string }) {
  const base = dashboardBase(ctx.project.slug);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>{ctx.project.name}</h1>
          <p className="muted" data-testid="dashboard-batch">
            Scores of <strong>{ctx.batch.batchDate}</strong> by model <strong>{ctx.batch.modelName}</strong> v{ctx.batch.modelVersion} (high risk: P(churn) ≥{' '}
            {ctx.batch.threshold.toFixed(2)})
          </p>
        </div>
        <Link className="btn" href="/dashboard">
          All projects
        </Link>
      </div>
      <nav className="row" aria-label="Dashboard sections">
        {TABS.map((t) => (
          <Link key={t.key} href={`${base}${t.path}${query}`} className={t.key === active ? 'btn btn-primary' : 'btn'} aria-current={t.key === active ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      <form className="row" method="get" aria-label="Dashboard options">
        <label>
          Monthly value column
          <select name="value" defaultValue={ctx.valueColumn ?? ''}>
            {!ctx.valueColumn && <option value="">(none detected — choose one)</option>}
            {ctx.valueChoices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Horizon (months)
          <input name="horizon" type="number" min={1} max={120} defaultValue={ctx.horizonMonths} style={{ width: 90 }} />
        </label>
        <button className="btn" type="submit" style={{ alignSelf: 'flex-end' }}>
          Apply
        </button>
      </form>
    </div>
  );
}
