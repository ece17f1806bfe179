/** Column names and display types of a column-major table (for the chart builder's field lists). */
import type { OutputColumnType, TableData } from './sandbox/protocol';

/** The type of a column from its first non-null values. */
export function columnType(values: ArrayLike<unknown>): OutputColumnType {
  for (let i = 0; i < Math.min(values.length, 100); i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typeof v === 'bigint') return 'number';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'boolean';
    if (v instanceof Date) return 'date';
    return 'other';
  }
  return 'other';
}

export function tableColumns(data: TableData): { name: string; type: OutputColumnType }[] {
  return Object.entries(data.columns).map(([name, values]) => ({ name, type: columnType(values) }));
}
