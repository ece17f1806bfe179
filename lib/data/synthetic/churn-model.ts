import type { ContractType } from './source-schema';

/**
 * The generator's ground-truth churn mechanism: a monthly hazard (probability of churning during a
 * calendar month, given active at its start) on the logit scale. Everything it uses is observable in the
 * source tables up to the month before, so a model trained on the extracted features can learn it.
 */

/**
 * Band for the overall monthly churn rate (churn events ÷ customer-months at risk) with default options.
 * Tests assert the generator lands inside it.
 */
export const MONTHLY_CHURN_RATE_BAND = Object.freeze({ min: 0.015, max: 0.035 });

/** Logit coefficients of the hazard. Two-year contracts are the reference level. */
export const HAZARD_COEFFICIENTS = Object.freeze({
  intercept: -5.25,
  monthToMonth: 2.2,
  oneYear: 0.6,
  /** Per unit of ln(1 + tenure_months): churn falls with tenure. */
  logTenure: -0.42,
  /** Per late payment among the last 3 bills. */
  lateBills: 0.9,
  /** Per failed payment among the last 3 bills. */
  failedBills: 1.6,
  /** Per unit of usage drop (1 − current usage level relative to the customer's own baseline). */
  usageDrop: 5.0,
  /** Per currency unit of monthly charges above 65. */
  charges: 0.02,
  /** Standard deviation of month-to-month noise on the logit. */
  noiseSd: 0.35,
});

/** Inputs of the monthly hazard at the start of a month. */
export interface HazardInputs {
  contract: ContractType;
  /** Completed months since signup at the start of the month. */
  tenureMonths: number;
  /** Late payments among the last three bills. */
  lateBills: number;
  /** Failed payments among the last three bills. */
  failedBills: number;
  /** Usage level relative to the customer's baseline, 1 = normal, 0.3 = down 70 %. */
  usageLevel: number;
  /** Current monthly charges, currency units. */
  monthlyCharges: number;
  /** The customer's fixed frailty (logit offset, unobserved). */
  frailty: number;
  /** A N(0,1) draw for this month's noise. */
  noise: number;
}

/** Monthly churn probability in (0, 1). */
export function monthlyHazard(x: HazardInputs): number {
  const c = HAZARD_COEFFICIENTS;
  let logit = c.intercept + x.frailty + c.noiseSd * x.noise;
  if (x.contract === 'Month-to-month') logit += c.monthToMonth;
  else if (x.contract === 'One year') logit += c.oneYear;
  logit += c.logTenure * Math.log1p(Math.max(0, x.tenureMonths));
  logit += c.lateBills * x.lateBills + c.failedBills * x.failedBills;
  logit += c.usageDrop * Math.max(0, 1 - x.usageLevel);
  logit += c.charges * (x.monthlyCharges - 65);
  return 1 / (1 + Math.exp(-logit));
}
