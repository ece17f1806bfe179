/**
 * Which raw columns a dashboard reads, detected from names and kinds only (any churn dataset, no dataset-specific
 * code): the monthly value of a customer, segment columns (contract, location, payment, tenure) and the id.
 */

/** A raw column as the model version's input schema describes it. */
export interface ColumnInfo {
  name: string;
  kind: 'numeric' | 'categorical';
  use?: 'input' | 'id' | 'ignored';
  /** categorical levels seen in training */
  levels?: readonly string[];
}

export type SegmentRole = 'contract' | 'location' | 'tenure' | 'payment' | 'other';

/** A segment dimension: a categorical column as is, or a numeric (tenure-like) column binned. */
export interface SegmentColumn {
  name: string;
  role: SegmentRole;
  /** 'binned' → values go through `binTenure`; 'categorical' → the text value is the segment */
  mode: 'categorical' | 'binned';
}

const VALUE_PATTERNS: RegExp[] = [/monthly|mrr|arpu/i, /revenue/i, /charge/i, /value/i];
const TOTAL = /total|lifetime|cumul/i;

/**
 * The numeric column of a customer's monthly value: the first numeric column whose name matches (in order of
 * preference) monthly/mrr/arpu, revenue, charge, value; cumulative names (total…) only when nothing else matches.
 * Null when no column matches (the user then chooses).
 */
export function detectValueColumn(columns: readonly ColumnInfo[]): string | null {
  const numeric = columns.filter((c) => c.kind === 'numeric' && c.use !== 'id');
  for (const avoidTotal of [true, false]) {
    for (const re of VALUE_PATTERNS) {
      const hit = numeric.find((c) => re.test(c.name) && (!avoidTotal || !TOTAL.test(c.name)));
      if (hit) return hit.name;
    }
  }
  return null;
}

/** Numeric columns a user may pick as the monthly value. */
export function valueColumnChoices(columns: readonly ColumnInfo[]): string[] {
  return columns.filter((c) => c.kind === 'numeric' && c.use !== 'id').map((c) => c.name);
}

const ROLE_PATTERNS: { role: Exclude<SegmentRole, 'other' | 'tenure'>; re: RegExp }[] = [
  { role: 'contract', re: /contract|plan|subscription|tier/i },
  { role: 'location', re: /region|location|city|state|country|area|zone|territory|geo/i },
  { role: 'payment', re: /payment|billing_method|pay_method|paymethod/i },
];
const TENURE = /tenure|months?_?active|account_?age|customer_?age|lifetime_?months|months_?since|seniority/i;

/** Most levels a categorical column may have to be a segment dimension (more would make unreadable charts). */
export const MAX_SEGMENT_LEVELS = 30;

/**
 * Segment dimensions: contract, location and payment columns (categorical, matched by name), a tenure column
 * (numeric, matched by name, binned); when fewer than two were found, the first categorical model inputs with
 * 2…MAX_SEGMENT_LEVELS levels fill up to four dimensions.
 */
export function detectSegmentColumns(columns: readonly ColumnInfo[]): SegmentColumn[] {
  const out: SegmentColumn[] = [];
  const used = new Set<string>();
  const usable = (c: ColumnInfo) => c.kind === 'categorical' && c.use !== 'id' && (c.levels === undefined || (c.levels.length >= 2 && c.levels.length <= MAX_SEGMENT_LEVELS));
  for (const { role, re } of ROLE_PATTERNS) {
    const hit = columns.find((c) => !used.has(c.name) && usable(c) && re.test(c.name));
    if (hit) {
      out.push({ name: hit.name, role, mode: 'categorical' });
      used.add(hit.name);
    }
  }
  const tenure = columns.find((c) => c.kind === 'numeric' && c.use !== 'id' && TENURE.test(c.name));
  if (tenure) {
    out.push({ name: tenure.name, role: 'tenure', mode: 'binned' });
    used.add(tenure.name);
  }
  if (out.length < 2) {
    for (const c of columns) {
      if (out.length >= 4) break;
      if (used.has(c.name) || c.use !== 'input' || !usable(c) || c.levels === undefined) continue;
      out.push({ name: c.name, role: 'other', mode: 'categorical' });
      used.add(c.name);
    }
  }
  return out;
}

/** Tenure categories (in months): 0–6, 6–12, 12–24, 24–48, 48+; missing → "unknown". */
export const TENURE_BINS: readonly { label: string; lo: number; hi: number }[] = [
  { label: '0–6 months', lo: -Infinity, hi: 6 },
  { label: '6–12 months', lo: 6, hi: 12 },
  { label: '1–2 years', lo: 12, hi: 24 },
  { label: '2–4 years', lo: 24, hi: 48 },
  { label: '4+ years', lo: 48, hi: Infinity },
];

export function binTenure(v: unknown): string {
  const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(x)) return 'unknown';
  for (const b of TENURE_BINS) if (x >= b.lo && x < b.hi) return b.label;
  return TENURE_BINS[TENURE_BINS.length - 1].label;
}

/** The segment a raw cell falls in for one dimension. */
export function segmentOf(col: SegmentColumn, v: unknown): string {
  if (col.mode === 'binned') return binTenure(v);
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '') return 'unknown';
  return String(v);
}

/** Sort order of segment labels: tenure bins in time order, others by label. */
export function segmentOrder(col: SegmentColumn): (a: string, b: string) => number {
  if (col.mode === 'binned') {
    const rank = new Map(TENURE_BINS.map((b, i) => [b.label, i]));
    return (a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99);
  }
  return (a, b) => (a < b ? -1 : a > b ? 1 : 0);
}
