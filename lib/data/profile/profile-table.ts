import { isMissing, type TableLike } from '@/lib/data/table';
import { inferColumnKind, type ColumnKind } from './infer-types';
import { profileDatetime, profileLevels, profileText } from './level-profile';
import { profileNumeric } from './numeric-profile';
import { TABLE_PROFILE_FORMAT, TABLE_PROFILE_VERSION, type ColumnProfile, type TableProfile, type TargetSummary } from './profile-types';

export interface ProfileOptions {
  /** Binary target column; its relation to every other column is reported. */
  target?: string;
  /** The target's positive value; detected when omitted (true, 1, 'Yes', 'yes', 'true', '1', else the larger of two values). */
  positive?: string | number | boolean;
  /** Most levels listed per categorical column; also the inference cut-off for categorical. Default 20. */
  maxLevels?: number;
  /** Histogram bins for numerics. Default 20. */
  bins?: number;
  /** Per-column kind overrides (e.g. from upload parsing). */
  kinds?: Record<string, ColumnKind>;
}

const POSITIVE_WORDS: unknown[] = [true, 1, 'Yes', 'yes', 'YES', 'true', 'True', '1', 'churned', 'Churned'];

function detectPositive(values: ArrayLike<unknown>, column: string): string | number | boolean {
  const seen: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v) || seen.includes(v)) continue;
    seen.push(v);
    if (seen.length > 2) throw new RangeError(`target "${column}" must have at most two distinct values, found ${seen.map(String).join(', ')}, …`);
  }
  if (seen.length === 0) throw new RangeError(`target "${column}" has no non-missing values`);
  const word = seen.find((v) => POSITIVE_WORDS.includes(v));
  if (word !== undefined) return word as string | number | boolean;
  const sorted = seen.map((v) => v as string | number | boolean).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[sorted.length - 1];
}

/** Per-row class: 1 positive, 0 negative, −1 missing target. Compares by value, then by string form. */
function encodeTarget(values: ArrayLike<unknown>, positive: string | number | boolean): { y: Int8Array; summary: Omit<TargetSummary, 'column'> } {
  const y = new Int8Array(values.length);
  const ps = String(positive);
  let positives = 0;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) {
      y[i] = -1;
      missing++;
    } else if (v === positive || String(v) === ps) {
      y[i] = 1;
      positives++;
    }
  }
  const negatives = values.length - missing - positives;
  const known = positives + negatives;
  return { y, summary: { positive, positives, negatives, missing, rate: known > 0 ? positives / known : null } };
}

/**
 * Profiles every column of `table` once: kind (inferred unless overridden), counts, missing, distinct; numerics
 * get min/max/mean/std, quantiles and an equal-width histogram; categoricals and booleans the top levels.
 * With a `target`, each column also gets churn rate by bin or level and a univariate ROC AUC. Plain JSON.
 */
export function profileTable(table: TableLike, opts: ProfileOptions = {}): TableProfile {
  const maxLevels = opts.maxLevels ?? 20;
  const bins = opts.bins ?? 20;
  if (!Number.isInteger(maxLevels) || maxLevels < 1) throw new RangeError(`maxLevels must be a positive integer, got ${maxLevels}`);
  if (!Number.isInteger(bins) || bins < 1 || bins > 1000) throw new RangeError(`bins must be an integer in [1, 1000], got ${bins}`);
  const names = table.columnNames();
  let y: Int8Array | null = null;
  let target: TargetSummary | null = null;
  if (opts.target !== undefined) {
    if (!names.includes(opts.target)) throw new RangeError(`unknown target column "${opts.target}"`);
    const tv = table.array(opts.target);
    const enc = encodeTarget(tv, opts.positive ?? detectPositive(tv, opts.target));
    y = enc.y;
    target = { column: opts.target, ...enc.summary };
  }
  const columns: ColumnProfile[] = names.map((name) => {
    const values = table.array(name);
    const kind = opts.kinds?.[name] ?? inferColumnKind(values, { maxLevels });
    const yy = name === opts.target ? null : y;
    switch (kind) {
      case 'numeric':
        return profileNumeric(name, values, yy, bins);
      case 'categorical':
      case 'boolean':
        return profileLevels(name, kind, values, yy, maxLevels);
      case 'datetime':
        return profileDatetime(name, values);
      case 'text':
      case 'id':
        return profileText(name, kind, values);
      default:
        throw new RangeError(`column "${name}": unknown kind ${JSON.stringify(kind)}`);
    }
  });
  return { format: TABLE_PROFILE_FORMAT, version: TABLE_PROFILE_VERSION, rowCount: table.numRows(), target, columns };
}
