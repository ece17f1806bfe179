/**
 * The demo source's schema (the seed's four telecom tables). Rows are column tuples in the column order
 * below so writers can bind them positionally without building objects per row.
 */

/** Logical column types; writers map them to their SQL dialect. DATE values are ISO `YYYY-MM-DD` strings. */
export type SourceColumnType = 'TEXT' | 'DATE' | 'INTEGER' | 'REAL';

export interface SourceColumn {
  readonly name: string;
  readonly type: SourceColumnType;
  /** True where the generator may emit null (dirty data). */
  readonly nullable: boolean;
}

export interface SourceTable {
  readonly name: SourceTableName;
  readonly columns: readonly SourceColumn[];
  /** Single-column indices to create after loading. */
  readonly indexes: readonly string[];
}

export type SourceTableName = 'customers' | 'usage_logs' | 'billing' | 'churn_events';

/** customers: customer_id, signup_date, age (years, may be null or out of 18–100), gender, location, contract_type, payment_method. */
export type CustomerRow = [string, string, number | null, string, string, string, string];
/** usage_logs: customer_id, date, data_usage_gb (GB per day, may be null), call_minutes (minutes per day). */
export type UsageRow = [string, string, number | null, number];
/** billing: customer_id, billing_date, monthly_charges (currency units, may be null), payment_status, tenure_months. */
export type BillingRow = [string, string, number | null, PaymentStatus, number];
/** churn_events: customer_id, churn_date. */
export type ChurnRow = [string, string];

export const CUSTOMERS_TABLE: SourceTable = {
  name: 'customers',
  columns: [
    { name: 'customer_id', type: 'TEXT', nullable: false },
    { name: 'signup_date', type: 'DATE', nullable: false },
    { name: 'age', type: 'INTEGER', nullable: true },
    { name: 'gender', type: 'TEXT', nullable: false },
    { name: 'location', type: 'TEXT', nullable: false },
    { name: 'contract_type', type: 'TEXT', nullable: false },
    { name: 'payment_method', type: 'TEXT', nullable: false },
  ],
  indexes: ['customer_id'],
};

export const USAGE_LOGS_TABLE: SourceTable = {
  name: 'usage_logs',
  columns: [
    { name: 'customer_id', type: 'TEXT', nullable: false },
    { name: 'date', type: 'DATE', nullable: false },
    { name: 'data_usage_gb', type: 'REAL', nullable: true },
    { name: 'call_minutes', type: 'REAL', nullable: false },
  ],
  indexes: ['customer_id', 'date'],
};

export const BILLING_TABLE: SourceTable = {
  name: 'billing',
  columns: [
    { name: 'customer_id', type: 'TEXT', nullable: false },
    { name: 'billing_date', type: 'DATE', nullable: false },
    { name: 'monthly_charges', type: 'REAL', nullable: true },
    { name: 'payment_status', type: 'TEXT', nullable: false },
    { name: 'tenure_months', type: 'INTEGER', nullable: false },
  ],
  indexes: ['customer_id', 'billing_date'],
};

export const CHURN_EVENTS_TABLE: SourceTable = {
  name: 'churn_events',
  columns: [
    { name: 'customer_id', type: 'TEXT', nullable: false },
    { name: 'churn_date', type: 'DATE', nullable: false },
  ],
  indexes: ['customer_id'],
};

/** All four tables in load order. */
export const SOURCE_TABLES: readonly SourceTable[] = [CUSTOMERS_TABLE, USAGE_LOGS_TABLE, BILLING_TABLE, CHURN_EVENTS_TABLE];

export const CONTRACT_TYPES = ['Month-to-month', 'One year', 'Two year'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const PAYMENT_METHODS = ['Electronic check', 'Mailed check', 'Bank transfer', 'Credit card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = ['paid', 'late', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Clean gender values; dirty rows use one of `UNKNOWN_GENDER_CODES` instead. */
export const GENDERS = ['Male', 'Female', 'Other'] as const;
export const UNKNOWN_GENDER_CODES = ['U', 'X', ''] as const;

export const LOCATIONS = [
  'New York',
  'Los Angeles',
  'Chicago',
  'Houston',
  'Phoenix',
  'Philadelphia',
  'San Antonio',
  'San Diego',
  'Dallas',
  'Seattle',
] as const;

/** The valid age range; the generator's clean ages stay inside it, dirty ones fall outside. */
export const VALID_AGE_RANGE = { min: 18, max: 100 } as const;
