/**
 * The minimal columnar table the pure pipeline code reads. An arquero `ColumnTable` satisfies it as is
 * (`numRows()`, `columnNames()`, `array(name)`), so do plain objects built by `tableFromColumns`.
 *
 * Missing values: `null`, `undefined` and (in numeric columns) `NaN` all count as missing.
 */
export interface TableLike {
  numRows(): number;
  columnNames(): string[];
  /** The values of one column, row order; throws or returns undefined for an unknown name. */
  array(name: string): ArrayLike<unknown>;
}

/** Builds a TableLike over plain column arrays; every column must have the same length. */
export function tableFromColumns(columns: Record<string, ArrayLike<unknown>>): TableLike {
  const names = Object.keys(columns);
  const n = names.length === 0 ? 0 : columns[names[0]].length;
  for (const name of names) {
    if (columns[name].length !== n) {
      throw new RangeError(`column "${name}" has ${columns[name].length} values, expected ${n}`);
    }
  }
  return {
    numRows: () => n,
    columnNames: () => names.slice(),
    array(name: string) {
      const col = columns[name];
      if (col === undefined) throw new RangeError(`unknown column "${name}"`);
      return col;
    },
  };
}

/** True when a cell value counts as missing. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}
