/**
 * The timed routine of `scripts/bench-browser-profile.ts`, run unchanged in Node and (bundled) in Chromium:
 * decode Parquet bytes with `parquetToTable`, then `profileTable(table, { target })`, timing each with
 * `performance.now()` after warm-up runs. Also the seeded synthetic table the benchmark encodes.
 */
import { parquetToTable } from '@/lib/data/codecs/parquet';
import { profileTable } from '@/lib/data/profile/profile-table';
import { tableFromColumns, type TableLike } from '@/lib/data/table';
import { RandomState } from '@/lib/ml/gbdt';

export interface ProfileTimings {
  rows: number;
  columns: number;
  /** Per timed run, milliseconds. */
  decodeMs: number[];
  profileMs: number[];
  totalMs: number[];
  /** Columns profiled as numeric / categorical in the last run (sanity check that the work was done). */
  kinds: Record<string, number>;
}

/**
 * Decodes and profiles `bytes` `warmup + runs` times; returns the timings of the last `runs`.
 * Throws RangeError for runs < 1 or warmup < 0; DataFormatError for bytes that are not Parquet.
 */
export async function timeParquetProfile(bytes: Uint8Array, target: string, runs = 3, warmup = 1): Promise<ProfileTimings> {
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`warmup must be a non-negative integer, got ${warmup}`);
  const decodeMs: number[] = [];
  const profileMs: number[] = [];
  const totalMs: number[] = [];
  let rows = 0;
  let columns = 0;
  const kinds: Record<string, number> = {};
  for (let r = 0; r < warmup + runs; r++) {
    const t0 = performance.now();
    const { table, rowCount } = await parquetToTable(bytes);
    const t1 = performance.now();
    const profile = profileTable(table, { target });
    const t2 = performance.now();
    if (r < warmup) continue;
    decodeMs.push(t1 - t0);
    profileMs.push(t2 - t1);
    totalMs.push(t2 - t0);
    rows = rowCount;
    columns = profile.columns.length;
    for (const k of Object.keys(kinds)) delete kinds[k];
    for (const c of profile.columns) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  }
  return { rows, columns, decodeMs, profileMs, totalMs, kinds };
}

const PLANS = ['Basic', 'Standard', 'Plus', 'Premium', 'Family'];
const REGIONS = ['north', 'south', 'east', 'west', 'central', 'islands', 'metro', 'rural'];
const CONTRACTS = ['Month-to-month', 'One year', 'Two year'];
const PAYMENTS = ['Electronic check', 'Mailed check', 'Bank transfer', 'Credit card'];
const DEVICES = ['android', 'ios', 'web', 'desktop'];
const SEGMENTS = ['consumer', 'smb', 'enterprise'];

/**
 * `nRows` × 15 columns, seeded: 8 numeric (4 with ~5 % NaN), 6 categorical strings (one with ~3 % null), and a
 * 0/1 numeric target `churned` that depends on a few of them.
 */
export function syntheticProfileTable(nRows: number, seed = 42): TableLike {
  if (!Number.isInteger(nRows) || nRows < 1) throw new RangeError(`nRows must be a positive integer, got ${nRows}`);
  const rs = new RandomState(seed);
  const u = () => rs.randomSample();
  const pick = (levels: string[]) => levels[Math.floor(u() * levels.length)];
  const num = (name: string) => [name, new Float64Array(nRows)] as const;
  const nums = Object.fromEntries(['tenure', 'monthly_charges', 'total_charges', 'data_gb', 'call_minutes', 'support_tickets', 'late_payments', 'age'].map(num));
  const cats: Record<string, (string | null)[]> = {};
  for (const c of ['plan', 'region', 'contract', 'payment', 'device', 'segment']) cats[c] = new Array<string | null>(nRows);
  const churned = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const tenure = Math.floor(u() * 72);
    const monthly = 20 + u() * 100;
    nums.tenure[i] = tenure;
    nums.monthly_charges[i] = Math.round(monthly * 100) / 100;
    nums.total_charges[i] = u() < 0.05 ? NaN : Math.round(tenure * monthly * 100) / 100;
    nums.data_gb[i] = u() < 0.05 ? NaN : Math.exp(u() * 4) - 1;
    nums.call_minutes[i] = u() < 0.05 ? NaN : u() * 600;
    nums.support_tickets[i] = Math.floor(-Math.log(1 - u()) * 1.2);
    nums.late_payments[i] = u() < 0.05 ? NaN : Math.floor(u() * 6);
    nums.age[i] = 18 + Math.floor(u() * 62);
    const contract = pick(CONTRACTS);
    cats.plan[i] = pick(PLANS);
    cats.region[i] = u() < 0.03 ? null : pick(REGIONS);
    cats.contract[i] = contract;
    cats.payment[i] = pick(PAYMENTS);
    cats.device[i] = pick(DEVICES);
    cats.segment[i] = pick(SEGMENTS);
    const z = -0.04 * tenure + 0.015 * monthly + (contract === 'Month-to-month' ? 1 : -0.5) + 0.3 * nums.support_tickets[i] - 1;
    churned[i] = u() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return tableFromColumns({ ...nums, ...cats, churned });
}
