/**
 * What dirt the generator put into the source: exact row counts and the affected customer ids, so
 * validation and cleaning steps downstream can be checked against the truth.
 */

export interface DirtyCategory {
  /** Table the dirt lives in. */
  table: 'customers' | 'usage_logs' | 'billing';
  /** Column affected (for duplicates: every column). */
  column: string;
  /** Exact number of affected rows as stored (a duplicated dirty customer row counts twice; for duplicates: the extra rows). */
  rows: number;
  /** Affected customer ids, ascending, each once. */
  customerIds: string[];
}

export interface DirtyReport {
  format: 'churnlab.demo-source.dirty-report';
  version: 1;
  /** customers.age IS NULL. */
  ageNull: DirtyCategory;
  /** customers.age NOT NULL and outside 18–100. */
  ageOutOfRange: DirtyCategory;
  /** customers.gender NOT IN ('Male','Female','Other'). */
  genderUnknown: DirtyCategory;
  /** Extra exact-duplicate rows in customers. */
  duplicateCustomerRows: DirtyCategory;
  /** billing.monthly_charges IS NULL. */
  monthlyChargesNull: DirtyCategory;
  /** usage_logs.data_usage_gb IS NULL. */
  dataUsageNull: DirtyCategory;
}

export type DirtyKind = Exclude<keyof DirtyReport, 'format' | 'version'>;

export const DIRTY_KINDS: readonly DirtyKind[] = [
  'ageNull',
  'ageOutOfRange',
  'genderUnknown',
  'duplicateCustomerRows',
  'monthlyChargesNull',
  'dataUsageNull',
];

/** An empty report to accumulate into. */
export function emptyDirtyReport(): DirtyReport {
  const cat = (table: DirtyCategory['table'], column: string): DirtyCategory => ({ table, column, rows: 0, customerIds: [] });
  return {
    format: 'churnlab.demo-source.dirty-report',
    version: 1,
    ageNull: cat('customers', 'age'),
    ageOutOfRange: cat('customers', 'age'),
    genderUnknown: cat('customers', 'gender'),
    duplicateCustomerRows: cat('customers', '*'),
    monthlyChargesNull: cat('billing', 'monthly_charges'),
    dataUsageNull: cat('usage_logs', 'data_usage_gb'),
  };
}

/** Records `rows` dirty rows of one customer. Customers are generated in id order, so ids stay sorted. */
export function recordDirt(report: DirtyReport, kind: DirtyKind, customerId: string, rows: number): void {
  const cat = report[kind];
  cat.rows += rows;
  cat.customerIds.push(customerId);
}

/** One line per kind, e.g. `ageNull: 401 rows (401 customers) in customers.age`. */
export function summarizeDirtyReport(report: DirtyReport): string[] {
  return DIRTY_KINDS.map((kind) => {
    const c = report[kind];
    return `${kind}: ${c.rows} rows (${c.customerIds.length} customers) in ${c.table}.${c.column}`;
  });
}
