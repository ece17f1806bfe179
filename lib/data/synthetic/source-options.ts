import { parseIsoDate } from './dates';

/**
 * Per-customer probabilities of each kind of dirt. Each is a Bernoulli draw per customer, so the realised
 * counts vary around `rate × customers`; the generator reports the exact realised counts.
 */
export interface DirtyRates {
  /** customers.age is null. */
  ageNull: number;
  /** customers.age is outside 18–100 (e.g. -1, 0, 7, 150, 999). Exclusive with ageNull. */
  ageOutOfRange: number;
  /** customers.gender is 'U', 'X' or ''. */
  genderUnknown: number;
  /** The customer's row appears twice in customers (exact duplicate). */
  duplicateCustomer: number;
  /** One of the customer's billing rows has monthly_charges null. */
  chargesNull: number;
  /** A run of 1–7 consecutive usage days has data_usage_gb null (a logging gap). */
  usageGap: number;
}

export interface SourceOptions {
  /** PRNG seed (integer); same seed and options → identical rows. */
  seed: number;
  /** Number of distinct customers (1 – 5,000,000). */
  customers: number;
  /** Length of the observation window in calendar months (1 – 60). */
  months: number;
  /** Last day of the window, `YYYY-MM-DD`; fixed (not today) so output is deterministic. */
  endDate: string;
  /** Longest tenure at window start, in months. */
  maxTenureMonths: number;
  /** Share of customers who sign up inside the window rather than before it. */
  newCustomerShare: number;
  dirty: DirtyRates;
}

export const DEFAULT_DIRTY_RATES: Readonly<DirtyRates> = Object.freeze({
  ageNull: 0.02,
  ageOutOfRange: 0.005,
  genderUnknown: 0.005,
  duplicateCustomer: 0.003,
  chargesNull: 0.01,
  usageGap: 0.02,
});

export const DEFAULT_SOURCE_OPTIONS: Readonly<Omit<SourceOptions, 'dirty'>> = Object.freeze({
  seed: 42,
  customers: 20_000,
  months: 12,
  endDate: '2026-10-31',
  maxTenureMonths: 72,
  newCustomerShare: 0.1,
});

export type SourceOptionsInput = Partial<Omit<SourceOptions, 'dirty'>> & { dirty?: Partial<DirtyRates> };

/** Highest customer count (customer ids are `C` + 7 digits). */
export const MAX_CUSTOMERS = 5_000_000;

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function checkRate(name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be a probability in [0, 1], got ${value}`);
  }
}

/** Fills defaults and validates; throws RangeError naming the bad field. */
export function resolveSourceOptions(input: SourceOptionsInput = {}): SourceOptions {
  const opts: SourceOptions = {
    seed: input.seed ?? DEFAULT_SOURCE_OPTIONS.seed,
    customers: input.customers ?? DEFAULT_SOURCE_OPTIONS.customers,
    months: input.months ?? DEFAULT_SOURCE_OPTIONS.months,
    endDate: input.endDate ?? DEFAULT_SOURCE_OPTIONS.endDate,
    maxTenureMonths: input.maxTenureMonths ?? DEFAULT_SOURCE_OPTIONS.maxTenureMonths,
    newCustomerShare: input.newCustomerShare ?? DEFAULT_SOURCE_OPTIONS.newCustomerShare,
    dirty: { ...DEFAULT_DIRTY_RATES, ...input.dirty },
  };
  checkInt('seed', opts.seed, -2147483648, 4294967295);
  checkInt('customers', opts.customers, 1, MAX_CUSTOMERS);
  checkInt('months', opts.months, 1, 60);
  checkInt('maxTenureMonths', opts.maxTenureMonths, 0, 240);
  parseIsoDate(opts.endDate);
  checkRate('newCustomerShare', opts.newCustomerShare);
  for (const key of Object.keys(DEFAULT_DIRTY_RATES) as (keyof DirtyRates)[]) checkRate(`dirty.${key}`, opts.dirty[key]);
  if (opts.dirty.ageNull + opts.dirty.ageOutOfRange > 1) {
    throw new RangeError(`dirty.ageNull + dirty.ageOutOfRange must be ≤ 1, got ${opts.dirty.ageNull + opts.dirty.ageOutOfRange}`);
  }
  return opts;
}
