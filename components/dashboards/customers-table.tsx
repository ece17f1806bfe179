import Link from 'next/link';
import type { DashboardContextDTO, DashboardCustomersDTO } from '@/lib/api/dto';
import { dashboardBase, optionsQuery, prob } from './format';

export interface CustomersParams {
  horizon?: string;
  value?: string;
  sort?: string;
  dir?: string;
  segment?: string;
  in?: string;
  minProbability?: string;
  decile?: string;
  q?: string;
  offset?: string;
}

const SORTS = [
  { key: 'customer', label: 'Customer' },
  { key: 'probability', label: 'P(churn)' },
  { key: 'value', label: 'Monthly value' },
  { key: 'revenue', label: 'Expected loss / month' },
] as const;

/**
 * The at-risk table: server-rendered, sorted and filtered through its query string (links and a GET form), so
 * every view is a shareable URL and works without client JavaScript.
 */
export function CustomersTable({ ctx, result, params }: { ctx: DashboardContextDTO; result: DashboardCustomersDTO; params: CustomersParams }) {
  const base = `${dashboardBase(ctx.project.slug)}/customers`;
  const opts = { horizon: params.horizon, value: params.value };
  const keep = { segment: params.segment, in: params.in, minProbability: params.minProbability, decile: params.decile, q: params.q };
  const sort = params.sort ?? 'probability';
  const dir = params.dir ?? 'desc';
  const sortHref = (k: string) => `${base}${optionsQuery(opts, { ...keep, sort: k, dir: sort === k && dir === 'desc' ? 'asc' : 'desc' })}`;
  const pageHref = (offset: number) => `${base}${optionsQuery(opts, { ...keep, sort, dir, offset })}`;
  const customerHref = (id: string) => `${base}/${encodeURIComponent(id)}${optionsQuery(opts)}`;
  return (
    <div className="stack">
      <form className="row" method="get" aria-label="Filter customers">
        {params.horizon && <input type="hidden" name="horizon" value={params.horizon} />}
        {params.value && <input type="hidden" name="value" value={params.value} />}
        <label>
          Segment column
          <select name="segment" defaultValue={params.segment ?? ''}>
            <option value="">(all)</option>
            {ctx.segmentColumns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Segment
          <input name="in" defaultValue={params.in ?? ''} placeholder="e.g. Month-to-month" />
        </label>
        <label>
          Min P(churn)
          <input name="minProbability" type="number" min={0} max={1} step={0.05} defaultValue={params.minProbability ?? ''} style={{ width: 100 }} />
        </label>
        <label>
          Decile
          <select name="decile" defaultValue={params.decile ?? ''}>
            <option value="">(all)</option>
            {[10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Customer id
          <input name="q" defaultValue={params.q ?? ''} />
        </label>
        <button className="btn" type="submit" style={{ alignSelf: 'flex-end' }}>
          Filter
        </button>
      </form>
      <p className="muted" data-testid="customers-total">
        {result.total.toLocaleString('en-US')} customers
        {params.segment && params.in !== undefined ? ` with ${params.segment} = ${params.in}` : ''}
      </p>
      <table className="table" data-testid="customers-table">
        <thead>
          <tr>
            {SORTS.map((s) => (
              <th key={s.key} aria-sort={sort === s.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                <Link href={sortHref(s.key)}>
                  {s.label}
                  {sort === s.key ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </Link>
              </th>
            ))}
            <th>Decile</th>
            {ctx.segmentColumns.map((c) => (
              <th key={c.name}>{c.name}</th>
            ))}
            <th>Top reasons</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.customerId} data-testid="customer-row">
              <td>
                <Link href={customerHref(r.customerId)} data-testid="customer-link">
                  {r.customerId}
                </Link>
              </td>
              <td>
                {prob(r.probability)} {r.label === 1 && <span className="badge badge-failed">high</span>}
              </td>
              <td>{r.value === null ? "—" : r.value.toFixed(2)}</td>
              <td>{r.value === null ? '—' : (r.probability * r.value).toFixed(2)}</td>
              <td>{r.decile}</td>
              {ctx.segmentColumns.map((c) => (
                <td key={c.name}>{r.segments[c.name]}</td>
              ))}
              <td>
                {r.reasons.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {r.reasons.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        {result.offset > 0 && (
          <Link className="btn" href={pageHref(Math.max(0, result.offset - result.limit))}>
            Previous
          </Link>
        )}
        <span className="muted">
          {result.total === 0 ? 0 : result.offset + 1}–{Math.min(result.total, result.offset + result.limit)} of {result.total}
        </span>
        {result.offset + result.limit < result.total && (
          <Link className="btn" href={pageHref(result.offset + result.limit)}>
            Next
          </Link>
        )}
      </div>
    </div>
  );
}
