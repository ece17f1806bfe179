/** Seeded synthetic churn tables for the quick-model tests (no randomness outside the seed). */
import { tableFromColumns, type TableLike } from '@/lib/data/table';
import { createRng } from '@/lib/ml/tfjs/training-data';

/**
 * `n` customers: numeric `usage` (raises churn), `tenure` (lowers churn), a pure-noise column, a `plan`
 * category (plan C raises churn), an all-distinct `customer_id` (the default spec drops it) and a Yes/No
 * `Churn` target drawn from a logistic model whose log-odds are scaled by `strength`.
 */
export function syntheticChurn(n = 2000, seed = 7, strength = 3): TableLike {
  const rng = createRng(seed);
  const usage = new Float64Array(n);
  const tenure = new Float64Array(n);
  const noise = new Float64Array(n);
  const plan: string[] = [];
  const id: string[] = [];
  const churn: string[] = [];
  for (let i = 0; i < n; i++) {
    usage[i] = rng() * 2 - 1;
    tenure[i] = rng() * 60;
    noise[i] = rng();
    plan.push(['A', 'B', 'C'][Math.floor(rng() * 3)]);
    id.push(`c-${i.toString(36)}-${seed}`);
    const z = strength * (2 * usage[i] - 1.5 * ((tenure[i] - 30) / 17) + (plan[i] === 'C' ? 1 : 0) - 0.3);
    churn.push(rng() < 1 / (1 + Math.exp(-z)) ? 'Yes' : 'No');
  }
  return tableFromColumns({ customer_id: id, usage, tenure, noise, plan, Churn: churn });
}
