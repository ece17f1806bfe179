import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { apply } from './apply';
import { fit } from './fit';
import { seedFeatureSpec, SEED_COLUMNS } from './seed-spec';

// 6 crafted customers; row 2 misses age, gender and tenure, row 4 misses avg_monthly_charges.
const raw = {
  customer_id: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
  signup_date: ['2023-01-01', '2023-02-01', '2023-03-01', '2023-04-01', '2023-05-01', '2023-06-01'],
  age: [30, 45, null, 25, 60, 38],
  gender: ['F', 'M', null, 'F', 'M', 'F'],
  location: ['Urban', 'Rural', 'Urban', 'Suburban', 'Urban', 'Rural'],
  contract_type: ['Month-to-month', 'Two year', 'One year', 'Month-to-month', 'Two year', 'Month-to-month'],
  payment_method: ['Credit card', 'Bank transfer', 'Credit card', 'Electronic check', 'Bank transfer', 'Credit card'],
  avg_data_usage: [10, 20, 5, 0, 30, 12],
  avg_call_minutes: [100, 200, 50, 10, 300, 120],
  usage_days: [20, 28, 10, 3, 30, 25],
  avg_monthly_charges: [50, 80, 30, null, 90, 60],
  late_payments: [2, 0, 1, 4, 0, 3],
  tenure: [5, 40, null, 12, 60, 24],
  churned: [1, 0, 0, 1, 0, 1],
};

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

describe('seedFeatureSpec', () => {
  it('names the 13 seed columns', () => {
    expect(SEED_COLUMNS).toHaveLength(13);
  });

  it('matches a direct computation on a crafted table', () => {
    const table = tableFromColumns(raw);
    const f = fit(seedFeatureSpec(), table);
    const r = apply(f, table);
    const n = 6;
    // Direct computation, step by step.
    const present = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    const fillNum = (xs: (number | null)[]) => {
      const m = median(present(xs));
      return xs.map((x) => (x === null ? m : x));
    };
    const age = fillNum(raw.age);
    const tenure = fillNum(raw.tenure);
    const charges = fillNum(raw.avg_monthly_charges);
    expect(tenure[2]).toBe(24);
    expect(charges[3]).toBe(60);
    const gender = raw.gender.map((g) => g ?? 'F');
    const derived = {
      avg_revenue_per_month: charges.map((c, i) => c / (tenure[i] + 1)),
      usage_intensity: raw.avg_data_usage.map((d, i) => d + raw.avg_call_minutes[i]),
      estimated_clv: charges.map((c, i) => c * tenure[i]),
      payment_reliability: raw.late_payments.map((l, i) => 1 - l / (tenure[i] + 1)),
    };
    const category = tenure.map((t) => (t < 12 ? 'new' : t < 24 ? 'recent' : t < 48 ? 'established' : 'loyal'));
    const zscore = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
      return xs.map((x) => (x - mean) / sd);
    };
    const expected: Record<string, number[]> = {
      age: zscore(age),
      tenure: zscore(tenure),
      avg_monthly_charges: zscore(charges),
      usage_days: zscore(raw.usage_days),
      late_payments: zscore(raw.late_payments),
      avg_data_usage: zscore(raw.avg_data_usage),
      avg_call_minutes: zscore(raw.avg_call_minutes),
      avg_revenue_per_month: zscore(derived.avg_revenue_per_month),
      usage_intensity: zscore(derived.usage_intensity),
      estimated_clv: zscore(derived.estimated_clv),
      payment_reliability: zscore(derived.payment_reliability),
    };
    for (const g of ['F', 'M']) expected[`gender=${g}`] = gender.map((x) => (x === g ? 1 : 0));
    for (const l of ['Rural', 'Suburban', 'Urban']) expected[`location=${l}`] = raw.location.map((x) => (x === l ? 1 : 0));
    for (const c of ['established', 'loyal', 'new', 'recent']) expected[`tenure_category=${c}`] = category.map((x) => (x === c ? 1 : 0));
    for (const c of ['Month-to-month', 'One year', 'Two year']) expected[`contract_type=${c}`] = raw.contract_type.map((x) => (x === c ? 1 : 0));
    for (const p of ['Bank transfer', 'Credit card', 'Electronic check']) expected[`payment_method=${p}`] = raw.payment_method.map((x) => (x === p ? 1 : 0));

    expect(new Set(r.featureNames)).toEqual(new Set(Object.keys(expected)));
    expect(r.featureNames).not.toContain('customer_id');
    const nf = r.featureNames.length;
    for (const [name, want] of Object.entries(expected)) {
      const j = r.featureNames.indexOf(name);
      const got = Array.from({ length: n }, (_, i) => r.X[i * nf + j]);
      for (let i = 0; i < n; i++) expect(got[i], `${name}[${i}]`).toBeCloseTo(want[i], 12);
    }
  });
});
