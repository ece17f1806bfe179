/**
 * A deterministic synthetic customer table (any size) for batch-scoring tests and benchmarks: an id, numeric and
 * categorical fields with some missing values, and a churn label drawn from a known logistic model.
 */
import { tableFromColumns, type TableLike } from './table';

const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const PAYMENTS = ['Electronic check', 'Mailed check', 'Bank transfer', 'Credit card'];
const REGIONS = ['north', 'south', 'east', 'west', 'central'];

export function syntheticCustomers(n: number, seed = 1, idPrefix = 'C'): TableLike {
  let s = seed >>> 0 || 1;
  const rnd = () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const id = new Array<string>(n);
  const tenure = new Float64Array(n);
  const monthly = new Float64Array(n);
  const support = new Float64Array(n);
  const contract = new Array<string>(n);
  const payment = new Array<string | null>(n);
  const region = new Array<string>(n);
  const churned = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    id[i] = `${idPrefix}${String(i).padStart(8, '0')}`;
    tenure[i] = Math.floor(rnd() * 72);
    monthly[i] = rnd() < 0.01 ? NaN : Math.round((20 + rnd() * 100) * 100) / 100;
    support[i] = Math.floor(rnd() * 6);
    contract[i] = CONTRACTS[Math.floor(rnd() * rnd() * 3)];
    payment[i] = rnd() < 0.005 ? null : PAYMENTS[Math.floor(rnd() * 4)];
    region[i] = REGIONS[Math.floor(rnd() * 5)];
    const z = -0.5 - 0.04 * tenure[i] + 0.015 * (Number.isNaN(monthly[i]) ? 60 : monthly[i]) + 0.3 * support[i] - (contract[i] === 'Two year' ? 1.5 : contract[i] === 'One year' ? 0.7 : 0) + (payment[i] === 'Electronic check' ? 0.5 : 0);
    churned[i] = rnd() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no';
  }
  return tableFromColumns({ customer_id: id, tenure, monthly_charges: monthly, support_calls: support, contract, payment_method: payment, region, churned });
}
