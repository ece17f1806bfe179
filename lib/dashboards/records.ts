/**
 * Raw snapshot rows as the records the model scores: the same customer keys the batch scorer derives, and a
 * record with exactly the input-schema fields (numeric → number or null, categorical → text or null), so the
 * browser what-if and POST /api/v1/predict see the same input.
 */
import { cellValue as cell, customerKeys as rangeCustomerKeys } from '@/lib/data/customer-keys';
import type { TableLike } from '@/lib/data/table';
import type { ColumnInfo } from './columns';

/**
 * Customer key of every row, as the batch scorer writes them (see lib/data/customer-keys): the id column as
 * text (null → `row-<i>`), a repeated id gets `~<row>`; no id column → the row number.
 */
export function customerKeys(table: TableLike, idField: string | null): string[] {
  return rangeCustomerKeys(table, idField).keys;
}

/** One field value as the prediction API reads it. */
export function fieldValue(f: Pick<ColumnInfo, 'kind'>, v: unknown): string | number | null {
  const c = cell(v);
  if (c === null) return null;
  if (f.kind === 'numeric') {
    const x = typeof c === 'number' ? c : typeof c === 'boolean' ? Number(c) : c.trim() === '' ? NaN : Number(c);
    return Number.isFinite(x) ? x : null;
  }
  return String(c);
}

/** Row `i` of a table as a record of the schema's fields (id, input and ignored fields present in the table). */
export function rowRecord(table: TableLike, i: number, fields: readonly ColumnInfo[]): Record<string, string | number | null> {
  if (!Number.isInteger(i) || i < 0 || i >= table.numRows()) throw new RangeError(`row ${i} is outside the table (${table.numRows()} rows)`);
  const names = new Set(table.columnNames());
  const out: Record<string, string | number | null> = {};
  for (const f of fields) {
    if (f.use === 'ignored') continue;
    out[f.name] = names.has(f.name) ? fieldValue(f, table.array(f.name)[i]) : null;
  }
  return out;
}

/** A record with some fields changed (what-if); values are coerced to each field's kind. */
export function withChanges(record: Record<string, string | number | null>, fields: readonly ColumnInfo[], changes: Record<string, unknown>): Record<string, string | number | null> {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const out = { ...record };
  for (const [k, v] of Object.entries(changes)) {
    const f = byName.get(k);
    if (!f) throw new RangeError(`what-if: "${k}" is not a field of the model input schema`);
    out[k] = fieldValue(f, v);
  }
  return out;
}
