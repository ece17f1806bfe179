/**
 * Scores raw customer records with one model version: fitted transform → model → probability, label at the
 * version's threshold, and the top reasons mapped back to the raw input fields. Pure (no I/O), so the API, the
 * batch scorer and the browser (what-if) run the same code on the same artifacts.
 *
 * Reasons: TreeSHAP for the GBDT (exact, raw-margin units, additive); for logistic regression the exact linear
 * contribution w·(x − reference); for an MLP an occlusion in log-odds (x_j replaced by its reference). A
 * contribution of an output feature built from several input fields is shared equally among them.
 */
import type { TableLike } from '@/lib/data/table';
import { compileTransform, fittedTransformFromJSON, type ApplyResult, type CompiledTransform, type FittedTransform } from '@/lib/features';
import { LeafTableTreeShap } from '@/lib/ml/explain/tree-shap-leaf-tables';
import { GbdtModel, GBDT_FORMAT } from '@/lib/ml/gbdt';
import { LOGREG_FORMAT, MLP_FORMAT, parseDenseArtifact, type DenseArtifact } from '@/lib/ml/tfjs/artifact';
import { DenseForward } from '@/lib/ml/tfjs/dense-forward';
import type { ReasonDTO } from '@/lib/api/dto';
import type { InputField } from './input-schema';

export type ReasonsMethod = 'treeshap' | 'linear' | 'occlusion';

export interface ScorerInit {
  /** model artifact JSON (churnlab.gbdt, churnlab.tfjs-logreg, churnlab.tfjs-mlp) */
  model: unknown;
  /** fitted transform JSON (churnlab.fitted-transform) */
  transform: unknown;
  threshold: number;
  inputSchema: readonly InputField[];
  /** mean transformed training row; needed for reasons of non-tree models */
  reference?: readonly number[];
  /** how many reasons per score (default 3) */
  topReasons?: number;
}

export interface Score {
  probability: number;
  label: 0 | 1;
  reasons: ReasonDTO[];
}

/** A record the model cannot score (e.g. a missing value a tfjs model has no path for); names the field. */
export class ScoringError extends Error {
  override readonly name = 'ScoringError';
  /** which record of a `scoreMany` call (undefined from `score`) */
  index?: number;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const logit = (p: number) => Math.log(p / (1 - p));
/** The one row of a single record's model matrix. */
const ROW_0 = Int32Array.of(0);

export class Scorer {
  readonly threshold: number;
  readonly reasonsMethod: ReasonsMethod;
  readonly featureNames: readonly string[];
  readonly fitted: FittedTransform;
  private readonly transform: CompiledTransform;
  private readonly gbdt: GbdtModel | null;
  /** a GBDT's TreeSHAP from per-leaf tables (built on first use, or by `warmReasons`) */
  private shapTables: LeafTableTreeShap | null = null;
  private readonly dense: { net: DenseForward; artifact: DenseArtifact } | null;
  private readonly reference: Float64Array;
  private readonly top: number;
  /** input field names (the fields reasons are reported on) */
  private readonly inputNames: string[];
  /** for each output feature: indices into inputNames and the share of its contribution each gets */
  private readonly featureTo: { idx: number[]; share: number }[];
  private readonly fieldContrib: Float64Array;
  private readonly phi: Float64Array;

  constructor(init: ScorerInit) {
    if (!(init.threshold >= 0 && init.threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${init.threshold}`);
    this.threshold = init.threshold;
    this.top = init.topReasons ?? 3;
    this.fitted = fittedTransformFromJSON(init.transform);
    this.transform = compileTransform(this.fitted);
    const format = (init.model as { format?: unknown } | null)?.format;
    if (format === GBDT_FORMAT) {
      this.gbdt = GbdtModel.fromJSON(init.model);
      this.dense = null;
      this.reasonsMethod = 'treeshap';
      this.featureNames = this.gbdt.featureNames;
    } else if (format === LOGREG_FORMAT || format === MLP_FORMAT) {
      const artifact = parseDenseArtifact(init.model, format);
      this.gbdt = null;
      this.dense = { net: new DenseForward(artifact.layers, artifact.featureNames.length), artifact };
      this.reasonsMethod = format === LOGREG_FORMAT ? 'linear' : 'occlusion';
      this.featureNames = artifact.featureNames;
    } else {
      throw new TypeError(`unknown model artifact format ${JSON.stringify(format)}`);
    }
    const out = this.fitted.outputFeatures;
    if (out.length !== this.featureNames.length || out.some((n, i) => n !== this.featureNames[i])) {
      throw new TypeError('the model was trained on other features than the transform produces');
    }
    const nf = out.length;
    this.reference = Float64Array.from({ length: nf }, (_, j) => init.reference?.[j] ?? 0);
    this.inputNames = init.inputSchema.filter((f) => f.use === 'input').map((f) => f.name);
    const pos = new Map(this.inputNames.map((n, i) => [n, i]));
    this.featureTo = this.fitted.featureSources.map((sources) => {
      const idx = sources.map((s) => pos.get(s)).filter((i): i is number => i !== undefined);
      return { idx, share: idx.length ? 1 / idx.length : 0 };
    });
    this.fieldContrib = new Float64Array(this.inputNames.length);
    this.phi = new Float64Array(nf);
  }

  /** The GBDT behind this scorer (null for tfjs models), e.g. for a parallel batch predictor. */
  get gbdtModel(): GbdtModel | null {
    return this.gbdt;
  }

  /**
   * The model matrix of a whole table (bit-identical rows to `score`'s per-record transform); `alloc` gives its
   * memory (e.g. shared with worker threads).
   */
  transformTable(table: TableLike, alloc?: (length: number) => Float64Array): ApplyResult {
    return this.transform.apply(table, alloc);
  }

  /** P(churn) of every row of a model matrix (bit-identical to `score(...).probability`). */
  predictMatrix(X: Float64Array, nRows: number): Float64Array {
    if (this.gbdt) return this.gbdt.predictProbaBatch(X, nRows);
    const nf = this.featureNames.length;
    const out = new Float64Array(nRows);
    const row = new Float64Array(nf);
    for (let i = 0; i < nRows; i++) {
      row.set(X.subarray(i * nf, (i + 1) * nf));
      this.checkFinite(row);
      out[i] = this.dense!.net.forward(row, 0);
    }
    return out;
  }

  /** Scores one raw record (already validated against the input schema). */
  score(record: Record<string, unknown>, withReasons = true): Score {
    const x = this.transform.applyRow(record);
    let probability: number;
    const phi = this.phi;
    if (this.gbdt) {
      probability = this.gbdt.predictProba(x);
      // the block explainer on one row: the same bits as the row gets in any batch (see scoreMany)
      if (withReasons) this.explainer(this.gbdt).shapRows(x, ROW_0, phi);
    } else {
      this.checkFinite(x);
      const { net, artifact } = this.dense!;
      probability = net.forward(x, 0);
      if (withReasons) {
        if (this.reasonsMethod === 'linear') {
          const w = artifact.layers[0].weights;
          for (let j = 0; j < x.length; j++) phi[j] = w[j] * (x[j] - this.reference[j]);
        } else {
          const base = logit(probability);
          for (let j = 0; j < x.length; j++) {
            const keep = x[j];
            x[j] = this.reference[j];
            phi[j] = base - logit(net.forward(x, 0));
            x[j] = keep;
          }
        }
      }
    }
    const label: 0 | 1 = probability >= this.threshold ? 1 : 0;
    return { probability, label, reasons: withReasons ? this.reasons(record) : [] };
  }

  /** Builds a GBDT's TreeSHAP leaf tables (~50 ms for 200 depth-10 trees) ahead of the first request with reasons. */
  warmReasons(): void {
    if (this.gbdt) this.explainer(this.gbdt);
  }

  private explainer(gbdt: GbdtModel): LeafTableTreeShap {
    this.shapTables ??= new LeafTableTreeShap(gbdt);
    return this.shapTables;
  }

  /**
   * Scores several validated records: the same probabilities, labels and reasons as `score` on each, bit for bit,
   * whatever else is scored with them (a GBDT's records go through one columnar transform and one pass of TreeSHAP
   * from per-leaf tables over all of them, which computes each row on its own). A record the model cannot score
   * throws its ScoringError with `index` set.
   */
  scoreMany(records: readonly Record<string, unknown>[], withReasons = true): Score[] {
    const n = records.length;
    if (!this.gbdt || n < 2) {
      return records.map((r, i) => {
        try {
          return this.score(r, withReasons);
        } catch (e) {
          if (e instanceof ScoringError) e.index = i;
          throw e;
        }
      });
    }
    const nf = this.featureNames.length;
    // one columnar transform for all records (row i is bit-identical to applyRow)
    const X = this.transform.applyRecords(records);
    const probability = new Float64Array(n);
    for (let i = 0; i < n; i++) probability[i] = this.gbdt.predictProba(X.subarray(i * nf, (i + 1) * nf));
    const out = new Array<Score>(n);
    if (!withReasons) {
      for (let i = 0; i < n; i++) out[i] = { probability: probability[i], label: probability[i] >= this.threshold ? 1 : 0, reasons: [] };
      return out;
    }
    const phi = this.explainer(this.gbdt).shapRows(X, Int32Array.from({ length: n }, (_, i) => i), new Float64Array(n * nf));
    for (let i = 0; i < n; i++) {
      this.phi.set(phi.subarray(i * nf, (i + 1) * nf));
      const p = probability[i];
      out[i] = { probability: p, label: p >= this.threshold ? 1 : 0, reasons: this.reasons(records[i]) };
    }
    return out;
  }

  /**
   * The top reasons of a record from SHAP values computed elsewhere (e.g. by a parallel batch explainer over
   * `transformTable` rows): `phi` is one row of raw-margin contributions, `nFeatures` long. Same mapping to
   * input fields as `score(record, true)`.
   */
  reasonsFromShap(phi: ArrayLike<number>, record: Record<string, unknown>): ReasonDTO[] {
    if (phi.length !== this.phi.length) throw new RangeError(`phi has ${phi.length} values, expected ${this.phi.length}`);
    for (let j = 0; j < phi.length; j++) this.phi[j] = phi[j];
    return this.reasons(record);
  }

  private checkFinite(x: Float64Array): void {
    for (let j = 0; j < x.length; j++) {
      if (x[j] !== x[j]) {
        const field = this.featureTo[j].idx.map((i) => this.inputNames[i])[0] ?? this.featureNames[j];
        throw new ScoringError(field, `this ${this.reasonsMethod === 'linear' ? 'logistic regression' : 'MLP'} cannot score a missing value (its feature spec does not impute "${field}"): send a value`);
      }
    }
  }

  private reasons(record: Record<string, unknown>): ReasonDTO[] {
    const c = this.fieldContrib;
    c.fill(0);
    const phi = this.phi;
    for (let j = 0; j < phi.length; j++) {
      const m = this.featureTo[j];
      const v = phi[j] * m.share;
      for (let k = 0; k < m.idx.length; k++) c[m.idx[k]] += v;
    }
    // top-k by |contribution| (k small: selection beats a sort)
    const picked: number[] = [];
    for (let r = 0; r < this.top; r++) {
      let best = -1;
      let bestAbs = 0;
      for (let i = 0; i < c.length; i++) {
        const a = Math.abs(c[i]);
        if (a > bestAbs && !picked.includes(i)) {
          best = i;
          bestAbs = a;
        }
      }
      if (best < 0) break;
      picked.push(best);
    }
    return picked.map((i) => {
      const name = this.inputNames[i];
      const raw = Object.hasOwn(record, name) ? record[name] : null;
      const value = raw === null || raw === undefined ? null : typeof raw === 'number' ? raw : String(raw);
      return { feature: name, value, contribution: c[i], direction: c[i] > 0 ? 'increases' : 'decreases' };
    });
  }
}
