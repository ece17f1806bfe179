'use client';

import { useMemo } from 'react';
import type { TableLike } from '@/lib/data/table';
import { apply, featureWarnings, fit, FeatureFitError, FeatureSpecError, type FeatureSpec, type FeatureWarning, type FittedTransform } from '@/lib/features';
import { seededSplit } from './preview-split';

export interface PreviewResult {
  fitted: FittedTransform;
  /** Raw test rows (the 20 %), shuffled order. */
  test: TableLike;
  /** apply(fitted, test): row-major, `featureNames.length` per row. */
  X: Float64Array;
  featureNames: string[];
  nTrain: number;
  warnings: FeatureWarning[];
  ms: number;
}

export type Preview = { ok: true; result: PreviewResult } | { ok: false; error: string } | null;

/**
 * The live preview: seeded 80/20 split of the sample, `fit` on the 80 %, `apply` to the 20 %, and the warnings
 * of the fitted transform on the training rows. Recomputed when the spec or the sample changes.
 */
export function usePreview(table: TableLike | null, spec: FeatureSpec, target: string | null): Preview {
  return useMemo(() => (table ? computePreview(table, spec, target) : null), [table, spec, target]);
}

/** The preview computation (pure apart from the timing): split, fit on train, apply to test, warnings. */
export function computePreview(table: TableLike, spec: FeatureSpec, target: string | null): Preview {
  const t0 = performance.now();
  try {
    const { train, test } = seededSplit(table, 0.8, 42);
    const targetColumn = target && table.columnNames().includes(target) ? target : undefined;
    const fitted = fit(spec, train, { targetColumn });
    const { X, featureNames } = apply(fitted, test);
    const warnings = fitted.target ? featureWarnings(fitted, train, fitted.target) : [];
    return { ok: true, result: { fitted, test, X, featureNames, nTrain: train.numRows(), warnings, ms: performance.now() - t0 } };
  } catch (e) {
    const msg = e instanceof FeatureSpecError || e instanceof FeatureFitError || e instanceof RangeError || e instanceof TypeError ? e.message : `preview failed: ${(e as Error).message}`;
    return { ok: false, error: msg };
  }
}
