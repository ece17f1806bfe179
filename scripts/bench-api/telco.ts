/**
 * Real Telco rows as the raw records a client sends to POST /api/v1/predict: the CSV's columns without the target,
 * numbers as JSON numbers (a column is numeric when every non-blank value parses), blanks → null (the 11 blank
 * TotalCharges), text as is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

export const TELCO_CSV = path.resolve(process.env.TELCO_CSV ?? '../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
export const TELCO_TARGET = 'Churn';

export type RawRecord = Record<string, string | number | null>;

export function loadTelcoRecords(file = TELCO_CSV, target = TELCO_TARGET): RawRecord[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0].message} (row ${parsed.errors[0].row})`);
  const rows = parsed.data;
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== target);
  const numeric = new Set(columns.filter((c) => rows.every((r) => r[c].trim() === '' || Number.isFinite(Number(r[c])))));
  return rows.map((r) => {
    const out: RawRecord = {};
    for (const c of columns) {
      const v = r[c].trim();
      out[c] = v === '' ? null : numeric.has(c) ? Number(v) : v;
    }
    return out;
  });
}

/** Request bodies: `{customer}` for rows `0..count-1` spread over the file, or `{customers: [size rows]}`. */
export function singleBodies(records: RawRecord[], count: number): string[] {
  const step = Math.max(1, Math.floor(records.length / count));
  return Array.from({ length: Math.min(count, records.length) }, (_, i) => JSON.stringify({ customer: records[(i * step) % records.length] }));
}

export function batchBodies(records: RawRecord[], size: number, count: number): string[] {
  return Array.from({ length: count }, (_, b) => {
    const start = (b * size) % Math.max(1, records.length - size);
    return JSON.stringify({ customers: records.slice(start, start + size) });
  });
}
