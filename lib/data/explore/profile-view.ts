/**
 * Normalizes a column profile from the API (or from lib/data/profile run in the browser) into one flat row for
 * the profile table. Both shapes are accepted — the API contract (`type`, `topLevels`, `auc`) and
 * lib/data/profile's (`kind`, `levels`/`top`, `target.auc`) — and every optional field is read defensively.
 */
export interface ProfileRow {
  name: string;
  type: string;
  count: number | null;
  missing: number | null;
  /** missing / count in [0, 1]; null when unknown. */
  missingRate: number | null;
  distinct: number | null;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  auc: number | null;
  /** Most frequent levels (value, count, churn rate) for categorical-like columns; [] otherwise. */
  levels: { value: string; count: number; churnRate: number | null }[];
  histogram: { edges: number[]; counts: number[] } | null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function numOrString(v: unknown): number | string | null {
  return typeof v === 'string' ? v : num(v);
}

function obj(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function levelsOf(c: Record<string, unknown>): ProfileRow['levels'] {
  const raw = c.topLevels ?? c.levels ?? c.top;
  if (!Array.isArray(raw)) return [];
  const out: ProfileRow['levels'] = [];
  for (const l of raw) {
    const o = obj(l);
    if (!o || o.value === undefined || o.value === null) continue;
    out.push({ value: String(o.value), count: num(o.count) ?? 0, churnRate: num(o.churnRate) });
  }
  return out;
}

function histogramOf(c: Record<string, unknown>): ProfileRow['histogram'] {
  const h = obj(c.histogram);
  if (!h || !Array.isArray(h.edges) || !Array.isArray(h.counts)) return null;
  const edges = h.edges.filter((e): e is number => typeof e === 'number');
  const counts = h.counts.filter((e): e is number => typeof e === 'number');
  return edges.length === counts.length + 1 && counts.length > 0 ? { edges, counts } : null;
}

/** One profile-table row from an unknown column-profile object; null when it has no name. */
export function normalizeColumnProfile(raw: unknown): ProfileRow | null {
  const c = obj(raw);
  if (!c || typeof c.name !== 'string') return null;
  const count = num(c.count);
  const missing = num(c.missing);
  const target = obj(c.target);
  return {
    name: c.name,
    type: typeof c.type === 'string' ? c.type : typeof c.kind === 'string' ? c.kind : 'unknown',
    count,
    missing,
    missingRate: count !== null && missing !== null && count > 0 ? missing / count : null,
    distinct: num(c.distinct),
    min: numOrString(c.min),
    max: numOrString(c.max),
    mean: num(c.mean),
    auc: num(c.auc) ?? num(target?.auc),
    levels: levelsOf(c),
    histogram: histogramOf(c),
  };
}

/** All rows of a table profile (`{ columns: [...] }`); [] for null or malformed input. */
export function normalizeProfile(profile: unknown): ProfileRow[] {
  const p = obj(profile);
  if (!p || !Array.isArray(p.columns)) return [];
  return p.columns.map(normalizeColumnProfile).filter((r): r is ProfileRow => r !== null);
}

/** The overall positive rate from a profile's target summary, when present. */
export function profileTargetRate(profile: unknown): number | null {
  const t = obj(obj(profile)?.target);
  return t ? num(t.rate) : null;
}
