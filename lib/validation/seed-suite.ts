import { createSuite, type ExpectationSuite } from './parse-suite';

/** The 13 columns of the seed churn dataset, in table order. */
export const SEED_COLUMNS = [
  'customer_id',
  'signup_date',
  'age',
  'gender',
  'location',
  'contract_type',
  'payment_method',
  'avg_data_usage',
  'avg_call_minutes',
  'usage_days',
  'avg_monthly_charges',
  'late_payments',
  'tenure',
] as const;

export type SeedColumn = (typeof SEED_COLUMNS)[number];

/**
 * The default suite for the seed dataset: exact ordered columns; customer_id present and unique; age present and
 * in [18, 100] years; tenure in [0, 120] months (nulls allowed); gender in {Male, Female, Other} (nulls allowed).
 * All error severity. A new object on each call, safe to edit.
 */
export function seedSuite(): ExpectationSuite {
  return createSuite(
    'churnlab_seed',
    [
      { expectation_type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: [...SEED_COLUMNS] } },
      { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'customer_id' } },
      { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'customer_id' } },
      { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'age' } },
      { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'age', min_value: 18, max_value: 100 } },
      { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'tenure', min_value: 0, max_value: 120 } },
      {
        expectation_type: 'expect_column_values_to_be_in_set',
        kwargs: { column: 'gender', value_set: ['Male', 'Female', 'Other'] },
      },
    ],
    { notes: 'Seed churn dataset: schema, identity and plausible ranges.' },
  );
}
