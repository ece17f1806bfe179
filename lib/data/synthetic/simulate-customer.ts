import { monthlyHazard } from './churn-model';
import { dateParts, epochDay, formatIsoDate, weekday } from './dates';
import { recordDirt, type DirtyReport } from './dirty-report';
import { Sfc32, hashSeed } from './random';
import type { SourceOptions } from './source-options';
import {
  CONTRACT_TYPES,
  GENDERS,
  LOCATIONS,
  PAYMENT_METHODS,
  UNKNOWN_GENDER_CODES,
  type BillingRow,
  type ChurnRow,
  type ContractType,
  type CustomerRow,
  type UsageRow,
} from './source-schema';
import type { SourceWindow } from './source-window';

/** Rows produced for a batch of customers, appended in customer order. */
export interface SourceChunk {
  customers: CustomerRow[];
  usage: UsageRow[];
  billing: BillingRow[];
  churn: ChurnRow[];
}

/** Running churn statistics, indexed by position in CONTRACT_TYPES. */
export interface ChurnTally {
  churners: Float64Array;
  monthsAtRisk: Float64Array;
}

const GENDER_WEIGHTS = [0.48, 0.48, 0.04];
const LOCATION_WEIGHTS = [0.16, 0.13, 0.11, 0.1, 0.09, 0.09, 0.08, 0.08, 0.08, 0.08];
const PAYMENT_WEIGHTS = [0.34, 0.19, 0.23, 0.24];
/** Late-payment logit offset per payment method (electronic checks bounce more often). */
const PAYMENT_LATE_OFFSET = [0.7, 0.35, -0.2, -0.3];
const OUT_OF_RANGE_AGES = [-1, 0, 7, 12, 15, 17, 101, 117, 150, 999];

/** `C` + 7-digit 1-based index, e.g. `C0000001`; sorts lexically in generation order. */
export function customerId(index: number): string {
  return 'C' + String(index + 1).padStart(7, '0');
}

function round(x: number, digits: number): number {
  const f = digits === 2 ? 100 : digits === 3 ? 1000 : 10;
  return Math.round(x * f) / f;
}

/**
 * Simulates customer `index` (0-based) over the window and appends its rows to `out`. Each customer has
 * its own PRNG stream derived from (seed, index), so a customer's rows do not depend on how many customers
 * are generated or in which chunk.
 */
export function simulateCustomer(
  opts: SourceOptions,
  win: SourceWindow,
  index: number,
  out: SourceChunk,
  tally: ChurnTally,
  dirt: DirtyReport,
): void {
  const rng = new Sfc32(hashSeed(opts.seed, index));
  const id = customerId(index);
  const months = win.monthStart.length;

  // Signup: inside the window for new customers; otherwise up to maxTenureMonths before it, skewed recent.
  let signupDay: number;
  if (rng.next() < opts.newCustomerShare) signupDay = win.startDay + rng.int(0, win.endDay - win.startDay + 1);
  else signupDay = win.startDay - 1 - Math.floor(Math.pow(rng.next(), 1.3) * opts.maxTenureMonths * 30.4375);
  const sp = dateParts(signupDay);
  const startYear = win.monthYear[0];
  const startMonth = win.monthNumber[0];
  const tenureAtStart = Math.max(0, (startYear - sp.year) * 12 + (startMonth - sp.month) - (sp.dom > 1 ? 1 : 0));

  // Long-tenured customers are more often on long contracts.
  const t = Math.min(tenureAtStart, 72);
  const contractIdx = rng.weighted([0.6 - 0.005 * t, 0.24, 0.16 + 0.005 * t]);
  const contract: ContractType = CONTRACT_TYPES[contractIdx];
  const paymentIdx = rng.weighted(PAYMENT_WEIGHTS);
  const gender: string = GENDERS[rng.weighted(GENDER_WEIGHTS)];
  const location = LOCATIONS[rng.weighted(LOCATION_WEIGHTS)];
  const age = Math.min(90, Math.max(18, Math.round(44 + 15 * rng.normal())));

  let charges = 20 + 95 * 0.5 * (rng.next() + rng.next());
  if (contractIdx === 2) charges *= 0.93;
  const dataBase = 0.15 + 3.5 * ((charges - 20) / 95) * (0.6 + 0.8 * rng.next());
  const minutesBase = 5 + 40 * rng.next();
  const lateLogit = -2.9 + 0.9 * rng.normal() + PAYMENT_LATE_OFFSET[paymentIdx];
  const pLate = 1 / (1 + Math.exp(-lateLogit));
  const pFail = 0.3 * pLate;
  const frailty = 0.5 * rng.normal();
  // Disengagement (falling usage) starts more often for month-to-month and frail customers.
  const pDeclineStart = 1 / (1 + Math.exp(-(-4.2 + (contractIdx === 0 ? 0.8 : 0) + frailty)));

  // Dirt decisions are drawn up front so their stream position is fixed.
  const ageDirtU = rng.next();
  const genderDirty = rng.next() < opts.dirty.genderUnknown;
  const duplicate = rng.next() < opts.dirty.duplicateCustomer;
  const chargesNull = rng.next() < opts.dirty.chargesNull;
  const usageGap = rng.next() < opts.dirty.usageGap;

  const billingDom = Math.min(sp.dom, 28);
  const usageStart = out.usage.length;
  const billingStart = out.billing.length;
  let churnDay = win.endDay + 1;
  let usageLevel = 1;
  let declining = false;
  let declineFactor = 1;
  // Last three payment statuses: 0 paid, 1 late, 2 failed.
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;

  for (let m = 0; m < months; m++) {
    const ms = win.monthStart[m];
    const me = win.monthEnd[m];
    if (signupDay > me) continue;

    if (signupDay < ms) {
      const tenure = (win.monthYear[m] - sp.year) * 12 + (win.monthNumber[m] - sp.month) - (sp.dom > 1 ? 1 : 0);
      const lates = (s1 === 1 ? 1 : 0) + (s2 === 1 ? 1 : 0) + (s3 === 1 ? 1 : 0);
      const fails = (s1 === 2 ? 1 : 0) + (s2 === 2 ? 1 : 0) + (s3 === 2 ? 1 : 0);
      const h = monthlyHazard({
        contract,
        tenureMonths: tenure,
        lateBills: lates,
        failedBills: fails,
        usageLevel,
        monthlyCharges: charges,
        frailty,
        noise: rng.normal(),
      });
      tally.monthsAtRisk[contractIdx]++;
      if (rng.next() < h) churnDay = ms + rng.int(0, me - ms + 1);
    }

    if (!declining && rng.next() < pDeclineStart) {
      declining = true;
      declineFactor = 0.5 + 0.25 * rng.next();
    }
    const levelStart = usageLevel;
    const levelEnd = declining ? Math.max(0.05, usageLevel * declineFactor) : usageLevel;

    const bd = epochDay(win.monthYear[m], win.monthNumber[m], billingDom);
    if (bd >= signupDay && bd < churnDay && bd <= me) {
      // Occasional price changes keep charges from being constant per customer.
      if (rng.next() < 0.04) charges *= 1.03 + 0.07 * rng.next();
      const u = rng.next();
      const status = u < pFail ? 2 : u < pFail + pLate ? 1 : 0;
      s3 = s2;
      s2 = s1;
      s1 = status;
      const tenureMonths =
        (win.monthYear[m] - sp.year) * 12 + (win.monthNumber[m] - sp.month) - (billingDom < sp.dom ? 1 : 0);
      out.billing.push([
        id,
        win.dateStrings[bd - win.startDay],
        round(charges, 2),
        status === 0 ? 'paid' : status === 1 ? 'late' : 'failed',
        tenureMonths,
      ]);
    }

    const from = signupDay > ms ? signupDay : ms;
    const to = churnDay - 1 < me ? churnDay - 1 : me;
    const span = me - ms + 1;
    for (let d = from; d <= to; d++) {
      const level = levelStart + ((levelEnd - levelStart) * (d - ms)) / span;
      const wd = weekday(d);
      const weekend = wd === 0 || wd === 6;
      const gb = dataBase * level * (weekend ? 1.2 : 1) * (0.3 + 0.7 * (rng.next() + rng.next()));
      const minutes = minutesBase * (0.4 + 0.6 * level) * (weekend ? 0.75 : 1) * (0.3 + 0.7 * (rng.next() + rng.next()));
      out.usage.push([id, win.dateStrings[d - win.startDay], round(gb, 3), round(minutes, 1)]);
    }
    usageLevel = levelEnd;

    if (churnDay <= me) {
      out.churn.push([id, win.dateStrings[churnDay - win.startDay]]);
      tally.churners[contractIdx]++;
      break;
    }
  }

  // Dirt that touches generated rows is applied after the fact, at positions drawn from the same stream.
  const nBills = out.billing.length - billingStart;
  if (chargesNull && nBills > 0) {
    out.billing[billingStart + rng.int(0, nBills)][2] = null;
    recordDirt(dirt, 'monthlyChargesNull', id, 1);
  }
  const nUsage = out.usage.length - usageStart;
  if (usageGap && nUsage > 0) {
    const len = Math.min(nUsage, rng.int(1, 8));
    const first = usageStart + rng.int(0, nUsage - len + 1);
    for (let k = first; k < first + len; k++) out.usage[k][2] = null;
    recordDirt(dirt, 'dataUsageNull', id, len);
  }

  // Customer-table dirt counts rows, so a duplicated dirty customer counts twice.
  const copies = duplicate ? 2 : 1;
  let storedAge: number | null = age;
  if (ageDirtU < opts.dirty.ageNull) {
    storedAge = null;
    recordDirt(dirt, 'ageNull', id, copies);
  } else if (ageDirtU < opts.dirty.ageNull + opts.dirty.ageOutOfRange) {
    storedAge = rng.pick(OUT_OF_RANGE_AGES);
    recordDirt(dirt, 'ageOutOfRange', id, copies);
  }
  let storedGender = gender;
  if (genderDirty) {
    storedGender = rng.pick(UNKNOWN_GENDER_CODES);
    recordDirt(dirt, 'genderUnknown', id, copies);
  }
  const row: CustomerRow = [id, formatIsoDate(signupDay), storedAge, storedGender, location, contract, PAYMENT_METHODS[paymentIdx]];
  out.customers.push(row);
  if (duplicate) {
    out.customers.push([...row] as CustomerRow);
    recordDirt(dirt, 'duplicateCustomerRows', id, 1);
  }
}
