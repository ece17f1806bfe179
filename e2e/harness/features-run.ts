/**
 * The feature-pipeline routine the features parity spec runs in Node and in Chromium: parse the CSV text, apply
 * a fitted transform loaded from JSON (table and row by row), and fit the default spec afresh. Bundled into the
 * page as is, so both sides run the same code; Float64 results travel as base64 bytes (NaN-safe).
 */
import { parseCsv } from '@/lib/data/codecs/csv';
import { apply, applyRow, defaultSpecFromProfile, fit, fittedTransformFromJSON } from '@/lib/features';
import { f64ToBase64 } from './bytes';

export interface FeaturesRunInput {
  /** CSV text, header first. */
  csv: string;
  /** `JSON.stringify` of the fitted transform to apply. */
  fittedJson: string;
  /** Binary target column for the fresh fit. */
  target: string;
  /** How many leading rows to also push through `applyRow`. */
  nRowChecks: number;
}

/** Plain-JSON result (strings and base64), so it crosses `page.evaluate` unchanged. */
export interface FeaturesRunOutput {
  rowCount: number;
  /** Parsed CSV: column → inferred type. */
  types: Record<string, string>;
  /** Parsed CSV: numeric columns as base64 Float64, the others as JSON of their values. */
  columns: Record<string, string>;
  featureNames: string[];
  /** `apply(...).X` as base64 Float64 (rowCount × featureNames.length, row-major). */
  X: string;
  /** `applyRow` of the first nRowChecks rows, concatenated, base64 Float64. */
  rowX: string;
  /** `JSON.stringify(fit(defaultSpecFromProfile(table, target), table))`. */
  refitJson: string;
}

/** Runs parse → apply → applyRow → refit; throws what the lib functions throw (DataFormatError, FeatureSpecError, …). */
export async function runFeatures(input: FeaturesRunInput): Promise<FeaturesRunOutput> {
  const parsed = await parseCsv(input.csv);
  const table = parsed.table;
  const columns: Record<string, string> = {};
  for (const [name, col] of Object.entries(table.columns)) columns[name] = col instanceof Float64Array ? f64ToBase64(col) : JSON.stringify(col);
  const fitted = fittedTransformFromJSON(JSON.parse(input.fittedJson));
  const out = apply(fitted, table);
  const nf = out.featureNames.length;
  const k = Math.min(input.nRowChecks, parsed.rowCount);
  const rowX = new Float64Array(k * nf);
  const names = table.columnNames();
  for (let i = 0; i < k; i++) {
    const rec: Record<string, unknown> = {};
    for (const c of names) rec[c] = table.array(c)[i];
    rowX.set(applyRow(fitted, rec), i * nf);
  }
  const refit = fit(defaultSpecFromProfile(table, input.target), table);
  return {
    rowCount: parsed.rowCount,
    types: { ...parsed.types },
    columns,
    featureNames: out.featureNames,
    X: f64ToBase64(out.X),
    rowX: f64ToBase64(rowX),
    refitJson: JSON.stringify(refit),
  };
}
