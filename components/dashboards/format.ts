/** Number formats and query strings shared by the dashboard views. */
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const money = (x: number | null) => (x === null ? '—' : Math.round(x).toLocaleString('en-US'));
export const num = (x: number) => x.toLocaleString('en-US');
export const prob = (x: number) => x.toFixed(3);

/** The `horizon`/`value` options a page was opened with, as a query string to carry on links (plus `extra`). */
export function optionsQuery(opts: { horizon?: string; value?: string }, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  if (opts.horizon) p.set('horizon', opts.horizon);
  if (opts.value) p.set('value', opts.value);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const dashboardBase = (slug: string) => `/dashboard/${encodeURIComponent(slug)}`;
