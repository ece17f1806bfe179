import { SEED_COLUMNS } from '@/lib/validation/seed-suite';
import { tableFromColumns, type TableLike } from '@/lib/data/table';

/** customer_id, signup_date (ISO), age, gender, location, contract_type, payment_method, churned (0/1). */
export type CustomerExtractRow = readonly [string, string, number | null, string | null, string | null, string | null, string | null, number];
/** customer_id, avg_data_usage, avg_call_minutes, usage_days. */
export type UsageExtractRow = readonly [string, number | null, number | null, number | null];
/** customer_id, avg_monthly_charges, late_payments, tenure, then optionally the number of billing rows aggregated. */
export type BillingExtractRow = readonly [string, number | null, number | null, number | null, ...number[]];

/** Name of the 0/1 label column appended after the 13 seed columns. */
export const LABEL_COLUMN = 'churned';

/** The merged ingest columns: strings as `(string | null)[]`, numbers as Float64Array with NaN for missing. */
export interface IngestColumns {
  customer_id: string[];
  signup_date: string[];
  age: Float64Array;
  gender: (string | null)[];
  location: (string | null)[];
  contract_type: (string | null)[];
  payment_method: (string | null)[];
  avg_data_usage: Float64Array;
  avg_call_minutes: Float64Array;
  usage_days: Float64Array;
  avg_monthly_charges: Float64Array;
  late_payments: Float64Array;
  tenure: Float64Array;
  /** 1 when the customer churned within the horizon after the window, else 0. */
  churned: Float64Array;
}

/** The 13 SEED_COLUMNS in order, then `churned`; `columns` exposes the raw arrays. */
export type IngestTable = TableLike & { columns: IngestColumns };

/** Ordered output column names: SEED_COLUMNS + `churned`. */
export const INGEST_COLUMNS: readonly string[] = [...SEED_COLUMNS, LABEL_COLUMN];

function num(v: number | null | undefined): number {
  return v === null || v === undefined ? NaN : Number(v);
}

/**
 * Left-joins usage and billing aggregates onto the customer rows by customer_id, keeping the customer rows'
 * order and multiplicity (duplicate customer rows stay duplicated; validation reports them). A customer
 * without usage or billing rows in the window gets NaN in those columns, as the seed's LEFT JOIN gives NULL.
 */
export function mergeExtracts(
  customers: readonly CustomerExtractRow[],
  usage: Iterable<UsageExtractRow>,
  billing: Iterable<BillingExtractRow>,
): IngestTable {
  const n = customers.length;
  const cols: IngestColumns = {
    customer_id: new Array(n),
    signup_date: new Array(n),
    age: new Float64Array(n),
    gender: new Array(n),
    location: new Array(n),
    contract_type: new Array(n),
    payment_method: new Array(n),
    avg_data_usage: new Float64Array(n).fill(NaN),
    avg_call_minutes: new Float64Array(n).fill(NaN),
    usage_days: new Float64Array(n).fill(NaN),
    avg_monthly_charges: new Float64Array(n).fill(NaN),
    late_payments: new Float64Array(n).fill(NaN),
    tenure: new Float64Array(n).fill(NaN),
    churned: new Float64Array(n),
  };
  // First row index per id; duplicates chain through `next` so every copy gets the aggregates.
  const first = new Map<string, number>();
  const next = new Int32Array(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const r = customers[i];
    const id = r[0];
    cols.customer_id[i] = id;
    cols.signup_date[i] = r[1];
    cols.age[i] = num(r[2]);
    cols.gender[i] = r[3];
    cols.location[i] = r[4];
    cols.contract_type[i] = r[5];
    cols.payment_method[i] = r[6];
    cols.churned[i] = Number(r[7]) === 1 ? 1 : 0;
    const prev = first.get(id);
    if (prev !== undefined) next[i] = prev;
    first.set(id, i);
  }
  for (const u of usage) {
    for (let i = first.get(u[0]) ?? -1; i >= 0; i = next[i]) {
      cols.avg_data_usage[i] = num(u[1]);
      cols.avg_call_minutes[i] = num(u[2]);
      cols.usage_days[i] = num(u[3]);
    }
  }
  for (const b of billing) {
    for (let i = first.get(b[0]) ?? -1; i >= 0; i = next[i]) {
      cols.avg_monthly_charges[i] = num(b[1]);
      cols.late_payments[i] = num(b[2]);
      cols.tenure[i] = num(b[3]);
    }
  }
  const ordered: Record<string, ArrayLike<unknown>> = {};
  for (const name of INGEST_COLUMNS) ordered[name] = cols[name as keyof IngestColumns];
  return Object.assign(tableFromColumns(ordered), { columns: cols });
}
