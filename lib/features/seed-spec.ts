import type { FeatureSpec } from './spec';

/** The 13 raw columns of the seed customer table (the target `churned` comes on top). */
export const SEED_COLUMNS = [
  'customer_id', 'signup_date', 'age', 'gender', 'location', 'contract_type', 'payment_method',
  'avg_data_usage', 'avg_call_minutes', 'usage_days', 'avg_monthly_charges', 'late_payments', 'tenure',
] as const;

/**
 * The seed project's features: drop identifiers, median/mode imputation, the four derived ratios/sums,
 * `tenure_category` (new < 12 ≤ recent < 24 ≤ established < 48 ≤ loyal, in months), one-hot encoding of the
 * categoricals and standard scaling of every numeric value column (raw and derived).
 */
export function seedFeatureSpec(): FeatureSpec {
  return {
    format: 'churnlab.feature-spec',
    version: 1,
    target: 'churned',
    steps: [
      { type: 'drop', columns: ['customer_id', 'signup_date'] },
      { type: 'impute', strategy: 'median', columns: 'numeric' },
      { type: 'impute', strategy: 'most_frequent', columns: 'categorical' },
      { type: 'derive', name: 'avg_revenue_per_month', expression: 'avg_monthly_charges / (tenure + 1)' },
      { type: 'derive', name: 'usage_intensity', expression: 'avg_data_usage + avg_call_minutes' },
      { type: 'derive', name: 'estimated_clv', expression: 'avg_monthly_charges * tenure' },
      { type: 'derive', name: 'payment_reliability', expression: '1 - late_payments / (tenure + 1)' },
      {
        type: 'bin',
        column: 'tenure',
        name: 'tenure_category',
        edges: [0, 12, 24, 48, 'inf'],
        labels: ['new', 'recent', 'established', 'loyal'],
        right: false,
      },
      {
        type: 'encode',
        method: 'one_hot',
        columns: ['gender', 'location', 'contract_type', 'payment_method', 'tenure_category'],
      },
      { type: 'scale', method: 'standard', columns: 'numeric' },
    ],
  };
}
