/**
 * Batch GBDT scoring across worker threads (server only). The workers are started once per predictor and get
 * the artifact JSON once; each batch is shared with them through SharedArrayBuffers (rows in, probabilities
 * out, no copy when the caller's rows already live on one — see `allocSharedRows`), and the main thread
 * scores chunks too. Every row is scored by the same single-thread code, so results are bit-identical to
 * `GbdtModel.predictProbaBatch`.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LeafTableTreeShap } from '@/lib/ml/explain/tree-shap-leaf-tables';
import type { GbdtModel } from '@/lib/ml/gbdt';
import { threadExecArgv } from '@/lib/server/threads/exec-argv';
import { sharedArray } from '@/lib/server/threads/shared-array';
import { scoreChunks, shapChunks, type RunMessage, type ShapMessage } from './score-chunks';

/** Rows explained per claim (one LeafTableTreeShap block): a TreeSHAP row costs ~300× a prediction. */
const SHAP_CHUNK = 64;

/** Rows claimed per step: big enough to amortise the atomic, small enough to balance two busy cores. */
const DEFAULT_CHUNK = 8192;

type WorkerReply = { type: 'ready' } | { type: 'done'; job: number } | { type: 'error'; job: number; message: string };

interface PendingJob {
  remaining: number;
  error: Error | null;
  resolve: () => void;
  reject: (e: Error) => void;
}

/** A Float64Array of `nRows × nFeatures` on a SharedArrayBuffer: fill it to score without a copy. */
export function allocSharedRows(nRows: number, nFeatures: number): Float64Array {
  return sharedArray(Float64Array, nRows * nFeatures);
}

function isShared(a: Float64Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/** The first `nRows` rows of X on a SharedArrayBuffer: a view when they already are, else a copy. */
function sharedRows(X: Float64Array, nRows: number, nf: number): Float64Array {
  const xs = X.subarray(0, nRows * nf);
  if (isShared(xs)) return xs;
  const copy = allocSharedRows(nRows, nf);
  copy.set(xs);
  return copy;
}

export class ParallelGbdtPredictor {
  /** Threads that score a batch: the workers plus the calling thread. */
  readonly threads: number;
  private readonly model: GbdtModel;
  private readonly workers: Worker[];
  private readonly chunk: number;
  private readonly jobs = new Map<number, PendingJob>();
  private nextJob = 1;
  private closed = false;
  private explainer: LeafTableTreeShap | null = null;

  private constructor(model: GbdtModel, workers: Worker[], chunk: number) {
    this.model = model;
    this.workers = workers;
    this.threads = workers.length + 1;
    this.chunk = chunk;
    for (const w of workers) {
      w.on('message', (m: WorkerReply) => {
        if (m.type !== 'ready') this.settle(m.job, m.type === 'error' ? new Error(m.message) : null);
      });
      w.on('error', (e) => this.failAll(e));
      // a worker that is gone (close() during a batch, or a crash) would otherwise leave its batches pending
      w.on('exit', (code) => this.failAll(new Error(`parallel-predict worker exited (code ${code})${this.closed ? ': predictor closed' : ''}`)));
      // idle workers must not keep the process alive; a running batch refs them again
      w.unref();
    }
  }

  /**
   * Start `threads − 1` workers (default: `os.availableParallelism()`) and load the model into each of them.
   * @param threads total scoring threads including the caller's, ≥ 1
   */
  static async create(model: GbdtModel, opts: { threads?: number; chunk?: number } = {}): Promise<ParallelGbdtPredictor> {
    const threads = opts.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be an integer ≥ 1, got ${threads}`);
    const chunk = opts.chunk ?? DEFAULT_CHUNK;
    if (!Number.isInteger(chunk) || chunk < 1) throw new RangeError(`chunk must be an integer ≥ 1, got ${chunk}`);
    const artifact = model.toJSON();
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < threads - 1; i++) {
      const w = new Worker(new URL('./parallel-predict-boot.mjs', import.meta.url), { execArgv: threadExecArgv() });
      workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onMsg = (m: WorkerReply) => {
            if (m.type !== 'ready') return;
            w.off('message', onMsg);
            w.off('error', reject);
            resolve();
          };
          w.on('message', onMsg);
          w.once('error', reject);
        }),
      );
      w.postMessage({ type: 'load', artifact });
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new ParallelGbdtPredictor(model, workers, chunk);
  }

  /**
   * P(class 1) of `nRows` rows of row-major `X` (nRows × nFeatures). Rows not on a SharedArrayBuffer are copied
   * to one first. Returns `out` when given, else a Float64Array on a SharedArrayBuffer. With `callerHelps: false`
   * only the workers score (when there are any), leaving this thread free while it awaits the result.
   */
  async predictProbaBatch(X: Float64Array, nRows: number, out?: Float64Array, opts: { callerHelps?: boolean } = {}): Promise<Float64Array> {
    if (this.closed) throw new Error('ParallelGbdtPredictor is closed');
    const nf = this.model.nFeatures;
    if (!Number.isInteger(nRows) || nRows < 0) throw new RangeError(`nRows must be an integer ≥ 0, got ${nRows}`);
    if (X.length < nRows * nf) throw new RangeError(`X has ${X.length} values, expected ${nRows} × ${nf}`);
    if (out && out.length < nRows) throw new RangeError(`out has ${out.length} values, expected ≥ ${nRows}`);
    if (this.workers.length === 0 || nRows <= this.chunk) return this.model.predictProbaBatch(X, nRows, out);
    const xs = sharedRows(X, nRows, nf);
    const res = out && isShared(out) ? out : sharedArray(Float64Array, nRows);
    const msg: RunMessage = { type: 'run', job: this.nextJob++, X: xs, out: res, nRows, counter: sharedArray(Int32Array, 1), chunk: this.chunk };
    await this.everyThread(msg, opts.callerHelps === false ? null : () => scoreChunks(this.model, msg));
    if (out && out !== res) out.set(res.subarray(0, nRows));
    return out ?? res;
  }

  /**
   * TreeSHAP values (raw-margin units, as `LeafTableTreeShap.shapRows`) of the rows `rows` of row-major `X`,
   * computed across the threads: `rows.length × nFeatures`, row k for `rows[k]`. Bit-identical to the
   * single-thread block explainer whichever thread explains a row (a row's values do not depend on its block).
   * With `callerHelps: false` only the workers explain (when there are any), leaving this thread free to go on
   * with other work while it awaits the result.
   */
  async shapRows(X: Float64Array, nRows: number, rows: ArrayLike<number>, opts: { callerHelps?: boolean } = {}): Promise<Float64Array> {
    if (this.closed) throw new Error('ParallelGbdtPredictor is closed');
    const nf = this.model.nFeatures;
    if (X.length < nRows * nf) throw new RangeError(`X has ${X.length} values, expected ${nRows} × ${nf}`);
    const idx = sharedArray(Int32Array, rows.length);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (!Number.isInteger(r) || r < 0 || r >= nRows) throw new RangeError(`rows[${k}] = ${r} is not a row of X (0…${nRows - 1})`);
      idx[k] = r;
    }
    const xs = sharedRows(X, nRows, nf);
    const phi = sharedArray(Float64Array, Math.max(1, rows.length * nf));
    const msg: ShapMessage = { type: 'shap', job: this.nextJob++, X: xs, rows: idx, phi, counter: sharedArray(Int32Array, 1), chunk: SHAP_CHUNK };
    // this thread's tables are built only when it explains rows itself
    const local = () => shapChunks((this.explainer ??= new LeafTableTreeShap(this.model)), nf, msg);
    if (this.workers.length === 0 || rows.length <= SHAP_CHUNK) {
      local();
      return phi.subarray(0, rows.length * nf);
    }
    await this.everyThread(msg, opts.callerHelps === false ? null : local);
    return phi.subarray(0, rows.length * nf);
  }

  /**
   * Posts `msg` to every worker and runs `local` (the same chunk loop) on this thread, unless null; settles when
   * all are done.
   */
  private async everyThread(msg: RunMessage | ShapMessage, local: (() => void) | null): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.jobs.set(msg.job, { remaining: this.workers.length, error: null, resolve, reject }));
    for (const w of this.workers) {
      w.ref();
      w.postMessage(msg);
    }
    try {
      local?.();
    } finally {
      await done.finally(() => {
        for (const w of this.workers) w.unref();
      });
    }
  }

  /** Stop the workers; batches still running reject. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(job: number, error: Error | null): void {
    const p = this.jobs.get(job);
    if (!p) return;
    if (error && !p.error) p.error = error;
    if (--p.remaining > 0) return;
    this.jobs.delete(job);
    if (p.error) p.reject(p.error);
    else p.resolve();
  }

  private failAll(e: Error): void {
    for (const [job, p] of this.jobs) {
      this.jobs.delete(job);
      p.reject(e);
    }
  }
}
