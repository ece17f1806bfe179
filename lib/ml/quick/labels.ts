import { isMissing, type TableLike } from '@/lib/data/table';
import { QuickModelError } from './errors';

/** Labelled rows of a table: `rows[k]` is the table row of label `y[k]`. */
export interface BinaryLabels {
  rows: Uint32Array;
  y: Uint8Array;
  positives: number;
}

/**
 * 0/1 labels as the server's training job makes them: `String(value) === positiveValue` → 1, rows with a
 * missing target are left out. Throws QuickModelError: no target (`no_target`), a single class (`single_class`),
 * or fewer than 2 rows of a class (`too_few_rows`: a stratified holdout needs both classes on both sides).
 */
export function binaryLabels(table: TableLike, target: string | null | undefined, positiveValue: string | null | undefined): BinaryLabels {
  if (!target || positiveValue === null || positiveValue === undefined) {
    throw new QuickModelError('no_target', 'this snapshot has no target column: upload it again choosing the churn column and its positive value');
  }
  if (!table.columnNames().includes(target)) {
    throw new QuickModelError('no_target', `the target column "${target}" is not in the snapshot's data`);
  }
  const col = table.array(target);
  const rows: number[] = [];
  const y: number[] = [];
  let positives = 0;
  for (let i = 0; i < col.length; i++) {
    if (isMissing(col[i])) continue;
    const label = String(col[i]) === positiveValue ? 1 : 0;
    rows.push(i);
    y.push(label);
    positives += label;
  }
  const negatives = y.length - positives;
  if (positives === 0 || negatives === 0) {
    const only = positives === 0 ? `none is "${positiveValue}"` : `all are "${positiveValue}"`;
    throw new QuickModelError('single_class', `target "${target}" has a single class in this sample (${y.length} labelled rows, ${only}): nothing to learn`);
  }
  if (positives < 2 || negatives < 2) {
    throw new QuickModelError('too_few_rows', `target "${target}" needs at least 2 rows of each class for a holdout (${positives} positive, ${negatives} negative)`);
  }
  return { rows: Uint32Array.from(rows), y: Uint8Array.from(y), positives };
}
