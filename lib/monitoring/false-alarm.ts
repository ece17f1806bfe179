/**
 * False-alarm check: how often would each drift rule fire on UNCHANGED data? Draws `trials` bootstrap samples of
 * `batchSize` rows from the reference (with replacement, seeded), compares each against the full reference with
 * the same rule, and reports the firing rate per feature and for the dataset verdict. A rule that fires often here
 * will page on every batch; raise its threshold (or the batch size) before saving it.
 */
import { computeDrift, resolveDriftSettings, type DriftSettings, type FeatureSample } from './drift';
import { mulberry32 } from '../data/synthetic/random';

/** mulberry32 (lib/data/synthetic/random), re-exported for this module's callers. */
export { mulberry32 };

export interface FalseAlarmResult {
  trials: number;
  batchSize: number;
  /** per feature: share of trials in which its rule fired; psiAct: share with PSI ≥ psiAct */
  features: { name: string; method: string; fireRate: number; psiWatchRate: number; psiActRate: number }[];
  datasetDriftRate: number;
}

export function falseAlarmCheck(reference: readonly FeatureSample[], opts: { batchSize: number; trials?: number; seed?: number; settings?: Partial<DriftSettings> }): FalseAlarmResult {
  const trials = opts.trials ?? 50;
  if (!(Number.isInteger(opts.batchSize) && opts.batchSize > 0)) throw new RangeError(`falseAlarmCheck: batchSize must be a positive integer, got ${opts.batchSize}`);
  if (!(Number.isInteger(trials) && trials > 0 && trials <= 10_000)) throw new RangeError(`falseAlarmCheck: trials must be in [1, 10000], got ${trials}`);
  const settings = resolveDriftSettings(opts.settings);
  const rand = mulberry32(opts.seed ?? 1);
  const n = reference.length ? reference[0].reference.length : 0;
  if (n === 0) throw new RangeError('falseAlarmCheck: the reference is empty');
  const fires = new Array<number>(reference.length).fill(0);
  const watch = new Array<number>(reference.length).fill(0);
  const act = new Array<number>(reference.length).fill(0);
  const methods = new Array<string>(reference.length).fill('');
  let dataset = 0;
  const idx = new Int32Array(opts.batchSize);
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < idx.length; i++) idx[i] = Math.floor(rand() * n);
    const samples: FeatureSample[] = reference.map((f) =>
      f.kind === 'numeric'
        ? { name: f.name, kind: 'numeric', reference: f.reference, current: Float64Array.from(idx, (i) => f.reference[i]) }
        : { name: f.name, kind: 'categorical', reference: f.reference, current: Array.from(idx, (i) => f.reference[i]) },
    );
    const r = computeDrift(samples, null, settings);
    r.features.forEach((f, k) => {
      methods[k] = f.method;
      if (f.drifted) fires[k]++;
      if (f.psi >= settings.psiWatch) watch[k]++;
      if (f.psi >= settings.psiAct) act[k]++;
    });
    if (r.summary.datasetDrift) dataset++;
  }
  return {
    trials,
    batchSize: opts.batchSize,
    features: reference.map((f, k) => ({ name: f.name, method: methods[k], fireRate: fires[k] / trials, psiWatchRate: watch[k] / trials, psiActRate: act[k] / trials })),
    datasetDriftRate: dataset / trials,
  };
}
