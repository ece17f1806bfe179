import { PAYMENT_STATUSES } from '@/lib/data/synthetic/source-schema';
import { addDays, type IngestWindow } from './window';

export type SqlDialect = 'sqlite' | 'postgres';

/** A parameterized statement: `?` placeholders for SQLite, `$1…` for PostgreSQL. Values only ever travel in params. */
export interface SqlQuery {
  sql: string;
  params: (string | number)[];
}

/** `active`: signed up by `end` and not churned before `start`; `signup_between`: the seed's literal `signup_date BETWEEN start AND end`. */
export type SignupFilter = 'active' | 'signup_between';

export interface ExtractOptions {
  signupFilter?: SignupFilter;
  /** Label horizon after `end`, days: churned = 1 when end < churn_date ≤ end + horizon. Default 30. */
  horizonDays?: number;
  /** billing.payment_status values counted as late payments. Default: the generator's `late` and `failed`. */
  lateStatuses?: readonly string[];
  /** PostgreSQL schema holding the source tables (ignored for SQLite). */
  schema?: string;
}

export interface ExtractQueries {
  /** Rows: customer_id, signup_date (ISO text), age, gender, location, contract_type, payment_method, churned (0/1). */
  customers: SqlQuery;
  /** Rows: customer_id, avg_data_usage (GB/day), avg_call_minutes (min/day), usage_days. */
  usage: SqlQuery;
  /** Rows: customer_id, avg_monthly_charges, late_payments, tenure (months), billing_rows. */
  billing: SqlQuery;
}

export const DEFAULT_HORIZON_DAYS = 30;
export const DEFAULT_LATE_STATUSES: readonly string[] = PAYMENT_STATUSES.filter((s) => s !== 'paid');

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Validates and double-quotes an identifier; throws RangeError on anything outside /^[a-z_][a-z0-9_]*$/. */
export function quoteIdentifier(name: string): string {
  if (!IDENT.test(name)) throw new RangeError(`identifier must match ${IDENT}, got ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Collects params and hands out dialect placeholders, so each query is written once for both dialects. */
class Params {
  readonly values: (string | number)[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  /** A placeholder bound to `value`; dates get an explicit `::date` cast on PostgreSQL. */
  add(value: string | number, pgType?: 'date' | 'text'): string {
    this.values.push(value);
    if (this.dialect === 'sqlite') return '?';
    return `$${this.values.length}${pgType ? `::${pgType}` : ''}`;
  }
}

/**
 * The seed's three extracts over `window` for `dialect`. Point in time: features read only rows dated within
 * [start, end]; the label reads churn events in (end, end + horizon]. Ordered by customer_id (byte order), so
 * both dialects return the same row order; duplicate customer rows are returned as stored.
 */
export function buildExtractQueries(dialect: SqlDialect, window: IngestWindow, opts: ExtractOptions = {}): ExtractQueries {
  const horizon = opts.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 3660) {
    throw new RangeError(`horizonDays must be an integer in [1, 3660], got ${horizon}`);
  }
  const late = opts.lateStatuses ?? DEFAULT_LATE_STATUSES;
  if (late.length === 0) throw new RangeError('lateStatuses must not be empty');
  const filter = opts.signupFilter ?? 'active';
  if (filter !== 'active' && filter !== 'signup_between') {
    throw new RangeError(`signupFilter must be 'active' or 'signup_between', got ${JSON.stringify(filter)}`);
  }
  const schema = dialect === 'postgres' && opts.schema !== undefined ? opts.schema : undefined;
  const t = (name: string) => (schema !== undefined ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name));
  const pg = dialect === 'postgres';
  const dateText = (col: string) => (pg ? `to_char(${col}, 'YYYY-MM-DD')` : col);
  const byteOrder = pg ? ' COLLATE "C"' : '';
  const int = (expr: string) => (pg ? `(${expr})::int` : expr);
  const horizonEnd = addDays(window.end, horizon);

  const cp = new Params(dialect);
  const labelSql =
    `CASE WHEN EXISTS (SELECT 1 FROM ${t('churn_events')} e WHERE e.customer_id = c.customer_id` +
    ` AND e.churn_date > ${cp.add(window.end, 'date')} AND e.churn_date <= ${cp.add(horizonEnd, 'date')}) THEN 1 ELSE 0 END`;
  const where =
    filter === 'active'
      ? `c.signup_date <= ${cp.add(window.end, 'date')} AND NOT EXISTS (SELECT 1 FROM ${t('churn_events')} e` +
        ` WHERE e.customer_id = c.customer_id AND e.churn_date < ${cp.add(window.start, 'date')})`
      : `c.signup_date BETWEEN ${cp.add(window.start, 'date')} AND ${cp.add(window.end, 'date')}`;
  const customers: SqlQuery = {
    sql:
      `SELECT c.customer_id, ${dateText('c.signup_date')} AS signup_date, c.age, c.gender, c.location, c.contract_type,` +
      ` c.payment_method, ${labelSql} AS churned FROM ${t('customers')} c WHERE ${where}` +
      ` ORDER BY c.customer_id${byteOrder}`,
    params: cp.values,
  };

  const up = new Params(dialect);
  const usage: SqlQuery = {
    sql:
      `SELECT customer_id, avg(data_usage_gb) AS avg_data_usage, avg(call_minutes) AS avg_call_minutes,` +
      ` ${int('count(*)')} AS usage_days FROM ${t('usage_logs')}` +
      ` WHERE date >= ${up.add(window.start, 'date')} AND date <= ${up.add(window.end, 'date')}` +
      ` GROUP BY customer_id ORDER BY customer_id${byteOrder}`,
    params: up.values,
  };

  const bp = new Params(dialect);
  const lateList = late.map((s) => bp.add(s, 'text')).join(', ');
  const billing: SqlQuery = {
    sql:
      `SELECT customer_id, avg(monthly_charges) AS avg_monthly_charges,` +
      ` ${int(`sum(CASE WHEN payment_status IN (${lateList}) THEN 1 ELSE 0 END)`)} AS late_payments,` +
      ` max(tenure_months) AS tenure, ${int('count(*)')} AS billing_rows FROM ${t('billing')}` +
      ` WHERE billing_date >= ${bp.add(window.start, 'date')} AND billing_date <= ${bp.add(window.end, 'date')}` +
      ` GROUP BY customer_id ORDER BY customer_id${byteOrder}`,
    params: bp.values,
  };
  return { customers, usage, billing };
}
