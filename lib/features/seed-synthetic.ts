import { tableFromColumns, type TableLike } from '../data/table';
import { mulberry32 } from '../data/synthetic/random';

/** mulberry32 (lib/data/synthetic/random), re-exported for this module's callers. */
export { mulberry32 };

/**
 * Random rows shaped like the seed customer table (13 columns + `churned` 0/1), for tests and benchmarks.
 * About `missingRate` of the numeric and categorical cells are null; `avg_call_minutes` is stored as text
 * (with blanks) to exercise numeric coercion. Deterministic for a given seed.
 */
export function syntheticSeedColumns(n: number, seed = 1, missingRate = 0.02): Record<string, unknown[]> {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const miss = <T>(v: T): T | null => (r() < missingRate ? null : v);
  const cols: Record<string, unknown[]> = {};
  const names = [
    'customer_id', 'signup_date', 'age', 'gender', 'location', 'contract_type', 'payment_method',
    'avg_data_usage', 'avg_call_minutes', 'usage_days', 'avg_monthly_charges', 'late_payments', 'tenure', 'churned',
  ];
  for (const c of names) cols[c] = new Array(n);
  const locations = ['Urban', 'Suburban', 'Rural', 'Coastal', 'Mountain'];
  for (let i = 0; i < n; i++) {
    const tenure = Math.floor(r() * 72);
    const contract = pick(['Month-to-month', 'One year', 'Two year']);
    const late = Math.floor(r() * r() * 8);
    const charges = Math.round((20 + r() * 100) * 100) / 100;
    cols.customer_id[i] = `C${String(i).padStart(8, '0')}`;
    const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 1500) * 86400000);
    cols.signup_date[i] = d.toISOString().slice(0, 10);
    cols.age[i] = miss(18 + Math.floor(r() * 60));
    cols.gender[i] = miss(pick(['Male', 'Female']));
    cols.location[i] = miss(pick(locations));
    cols.contract_type[i] = miss(contract);
    cols.payment_method[i] = miss(pick(['Credit card', 'Bank transfer', 'Electronic check', 'Mailed check']));
    cols.avg_data_usage[i] = miss(Math.round(r() * 5000) / 100);
    cols.avg_call_minutes[i] = r() < missingRate ? ' ' : String(Math.round(r() * 60000) / 100);
    cols.usage_days[i] = miss(Math.floor(r() * 31));
    cols.avg_monthly_charges[i] = miss(charges);
    cols.late_payments[i] = miss(late);
    cols.tenure[i] = miss(tenure);
    const z = -1 + (contract === 'Month-to-month' ? 1.2 : -0.8) - tenure / 30 + late * 0.3 + (r() - 0.5) * 2;
    cols.churned[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return cols;
}

export function syntheticSeedTable(n: number, seed = 1, missingRate = 0.02): TableLike {
  return tableFromColumns(syntheticSeedColumns(n, seed, missingRate));
}
