import type { TableLike } from '../data/table';
import type { Expectation, ExpectationInput } from './expectation-schema';
import { parseExpectation } from './parse-suite';
import { MAX_LEVELS, profileColumn, type ColumnProfile } from './profile-column';

const ID_NAME = /(^id$|_id$|^id_|uuid|guid|_key$|^key$)/i;

function isIdLike(p: ColumnProfile): boolean {
  if (!p.allUnique || (p.inferredType !== 'int' && p.inferredType !== 'str')) return false;
  // A short all-distinct string column (5 cities in 5 rows) is not an id; a name hint or many values is.
  return ID_NAME.test(p.column) || (p.inferredType === 'str' && p.distinctCount > MAX_LEVELS);
}

function widenedRange(p: ColumnProfile): [number, number] {
  const min = p.min as number;
  const max = p.max as number;
  const span = max - min;
  const margin = span > 0 ? 0.1 * span : Math.max(Math.abs(min) * 0.1, 1);
  let lo = min - margin;
  let hi = max + margin;
  if (min >= 0 && lo < 0) lo = 0; // a non-negative quantity stays non-negative
  if (p.inferredType === 'int') {
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
  }
  return [lo, hi];
}

/**
 * Proposes expectations for one column from a light profile, each with `meta: { suggested: true, rationale }`:
 *
 * - `expect_column_values_to_be_of_type` with the inferred GX type (int, float, str, bool, datetime);
 * - `expect_column_values_to_not_be_null`: plain when the column has no nulls, else `mostly` = 1 − null rate
 *   rounded down to 2 decimals (omitted when that is 0);
 * - `expect_column_values_to_be_unique` for id-like columns (all distinct int/str and an id-like name, or
 *   more than 50 distinct strings);
 * - `expect_column_values_to_be_between` for numeric non-id columns: observed [min, max] widened by 10 % of
 *   the span on each side (±10 % of the value, at least 1, for a constant column), not below 0 for
 *   non-negative data; integers get floor/ceil bounds;
 * - `expect_column_values_to_be_in_set` for string/boolean columns with at most 50 distinct values.
 *
 * Accepts a profile (from `profileColumn`) or a table plus a column name (throws RangeError for an unknown column).
 */
export function suggestExpectations(input: ColumnProfile | TableLike, column?: string): Expectation[] {
  let p: ColumnProfile;
  if ('inferredType' in input) p = input;
  else {
    if (column === undefined || !input.columnNames().includes(column)) {
      throw new RangeError(`suggestExpectations: unknown column ${JSON.stringify(column)}`);
    }
    p = profileColumn(input.array(column), column);
  }
  const out: ExpectationInput[] = [];
  const meta = (rationale: string) => ({ suggested: true, rationale });
  const t = p.inferredType;
  if (t === 'int' || t === 'float' || t === 'str' || t === 'bool' || t === 'datetime') {
    out.push({ expectation_type: 'expect_column_values_to_be_of_type', kwargs: { column: p.column, type_: t }, meta: meta(`all present values are ${t}`) });
  }
  if (p.rowCount > 0 && p.nullCount === 0) {
    out.push({ expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: p.column }, meta: meta('no nulls observed') });
  } else if (p.rowCount > 0) {
    const mostly = Math.floor((1 - p.nullRate) * 100) / 100;
    if (mostly > 0) {
      out.push({
        expectation_type: 'expect_column_values_to_not_be_null',
        kwargs: { column: p.column, mostly },
        meta: meta(`${(100 * p.nullRate).toFixed(2)} % nulls observed`),
      });
    }
  }
  const idLike = isIdLike(p);
  if (idLike) {
    out.push({ expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: p.column }, meta: meta('id-like: every value distinct') });
  }
  if ((t === 'int' || t === 'float') && !idLike && p.min !== null) {
    const [lo, hi] = widenedRange(p);
    out.push({
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: { column: p.column, min_value: lo, max_value: hi },
      meta: meta(`observed range [${p.min}, ${p.max}] widened by 10 % of its span`),
    });
  }
  if ((t === 'str' || t === 'bool') && !idLike && p.levels !== null) {
    out.push({
      expectation_type: 'expect_column_values_to_be_in_set',
      kwargs: { column: p.column, value_set: p.levels as Array<string | boolean> },
      meta: meta(`${p.distinctCount} distinct levels observed`),
    });
  }
  return out.map(parseExpectation);
}
