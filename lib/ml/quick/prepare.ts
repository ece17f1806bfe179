/**
 * Sample table → train/holdout matrices, the way the server's training job does it: labels from the snapshot's
 * target, a seeded stratified split (lib/ml/gbdt, sklearn-compatible), the feature spec fitted on the training
 * rows only and applied to both parts with lib/features.
 */
import { selectRows } from '@/lib/data/sample';
import type { TableLike } from '@/lib/data/table';
import { apply, defaultSpecFromProfile, fit, parseFeatureSpec, seedFeatureSpec, SEED_COLUMNS, type FeatureSpec } from '@/lib/features';
import type { FittedTransform } from '@/lib/features';
import { stratifiedTrainTestSplit } from '@/lib/ml/gbdt';
import { QuickModelError } from './errors';
import { binaryLabels } from './labels';

/** The project's saved spec (latest version), as GET /api/projects/[slug]/feature-specs lists it. */
export interface SavedSpec {
  version: number;
  spec: unknown;
}

/** Where the spec came from: the project's saved version, the seed's spec, or derived from this data's profile. */
export type SpecSource = 'saved' | 'seed' | 'profile';

export interface PreparedData {
  featureNames: string[];
  Xtrain: Float64Array;
  yTrain: Uint8Array;
  Xtest: Float64Array;
  yTest: Uint8Array;
  /** Labelled rows used (train + test). */
  rowsUsed: number;
  positives: number;
  specSource: SpecSource;
  /** Human-readable: which spec, and why a saved one was not used. */
  specNote: string;
  fitted: FittedTransform;
}

export interface PrepareOptions {
  /** Holdout fraction in (0, 1); default 0.2 (the server's default). */
  testFraction?: number;
  /** Split seed; default 42 (the server's default). */
  seed?: number;
}

function fallbackSpec(train: TableLike, target: string): { spec: FeatureSpec; source: SpecSource } {
  const names = train.columnNames();
  // Same rule as the server's resolveFeatureSpec: seed-shaped data gets the seed's spec.
  if (SEED_COLUMNS.every((c) => names.includes(c))) return { spec: seedFeatureSpec(), source: 'seed' };
  return { spec: defaultSpecFromProfile(train, target), source: 'profile' };
}

/**
 * Labels, split and features. The saved spec wins when it fits the training rows; when it does not (e.g. it
 * names a column this snapshot lacks) the default spec is used and `specNote` says why.
 * Throws QuickModelError for a missing target, a single class, too few rows, or no features left.
 */
export function prepareQuickData(
  table: TableLike,
  target: string | null | undefined,
  positiveValue: string | null | undefined,
  saved: SavedSpec | null,
  options: PrepareOptions = {},
): PreparedData {
  const testFraction = options.testFraction ?? 0.2;
  const seed = options.seed ?? 42;
  if (!(testFraction > 0 && testFraction < 1)) throw new QuickModelError('bad_input', `testFraction must be in (0, 1), got ${testFraction}`);
  const labels = binaryLabels(table, target, positiveValue);
  const n = labels.y.length;
  if (Math.ceil(testFraction * n) < 2 || n - Math.ceil(testFraction * n) < 2) {
    throw new QuickModelError('too_few_rows', `${n} labelled rows are too few for a ${Math.round(testFraction * 100)}% holdout`);
  }
  const split = stratifiedTrainTestSplit(labels.y, testFraction, seed);
  const rowsOf = (idx: Uint32Array) => Uint32Array.from(idx, (i) => labels.rows[i]);
  const trainTable = selectRows(table, rowsOf(split.train));
  const testTable = selectRows(table, rowsOf(split.test));
  const targetName = target as string; // binaryLabels checked it

  let spec: FeatureSpec;
  let specSource: SpecSource;
  let specNote: string;
  let fitted: FittedTransform | null = null;
  if (saved) {
    try {
      spec = parseFeatureSpec(saved.spec);
      fitted = fit(spec, trainTable, { targetColumn: targetName });
      specSource = 'saved';
      specNote = `the project's feature spec v${saved.version}`;
    } catch (err) {
      const f = fallbackSpec(trainTable, targetName);
      spec = f.spec;
      specSource = f.source;
      specNote = `the default spec (the project's spec v${saved.version} does not fit this snapshot: ${(err as Error).message})`;
    }
  } else {
    const f = fallbackSpec(trainTable, targetName);
    spec = f.spec;
    specSource = f.source;
    specNote = f.source === 'seed' ? "the seed's feature spec" : 'the default spec derived from the data';
  }
  fitted ??= fit(spec, trainTable, { targetColumn: targetName });
  const tr = apply(fitted, trainTable);
  const te = apply(fitted, testTable);
  if (tr.featureNames.length === 0) throw new QuickModelError('no_features', 'the feature spec leaves no feature columns to learn from');
  return {
    featureNames: tr.featureNames,
    Xtrain: tr.X,
    yTrain: Uint8Array.from(split.train, (i) => labels.y[i]),
    Xtest: te.X,
    yTest: Uint8Array.from(split.test, (i) => labels.y[i]),
    rowsUsed: n,
    positives: labels.positives,
    specSource,
    specNote,
    fitted,
  };
}
