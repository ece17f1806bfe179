import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fitHistGradientBoosting, type GbdtModel } from '@/lib/ml/gbdt';
import { makeSynthetic } from '@/lib/ml/gbdt/test-utils';
import { LeafTableTreeShap } from '@/lib/ml/explain/tree-shap-leaf-tables';
import { allocSharedRows, ParallelGbdtPredictor } from './parallel-predict';

const N_FEATURES = 6;
const N_ROWS = 5003; // not a multiple of any chunk size below

let model: GbdtModel;
let X: Float64Array;

function sameBits(a: Float64Array, b: Float64Array, n: number): void {
  expect(a.length).toBeGreaterThanOrEqual(n);
  let bad = -1;
  for (let i = 0; i < n && bad < 0; i++) if (!Object.is(a[i], b[i])) bad = i;
  expect(bad, bad >= 0 ? `row ${bad}: ${a[bad]} vs ${b[bad]}` : '').toBe(-1);
}

beforeAll(() => {
  const d = makeSynthetic(3000, N_FEATURES, 11, 0.1);
  model = fitHistGradientBoosting(d.X, d.y, { max_iter: 30, max_leaf_nodes: 15, min_samples_leaf: 5, random_state: 3 }, { featureNames: d.featureNames });
  const more = makeSynthetic(N_ROWS, N_FEATURES, 12, 0.1);
  X = more.X;
  // values outside the training range and non-finite values take the same paths in every thread
  for (let i = 0; i < X.length; i += 41) X[i] = [NaN, Infinity, -Infinity, 1e300, -7][i % 5];
});

describe('ParallelGbdtPredictor', () => {
  let pp: ParallelGbdtPredictor | null = null;
  afterAll(async () => {
    await pp?.close();
  });

  it('is bit-identical to GbdtModel.predictProbaBatch for several chunk sizes', async () => {
    const ref = model.predictProbaBatch(X, N_ROWS);
    for (const chunk of [1, 7, 256, 1000, 8192]) {
      const p = await ParallelGbdtPredictor.create(model, { threads: 2, chunk });
      try {
        expect(p.threads).toBe(2);
        sameBits(await p.predictProbaBatch(X, N_ROWS), ref, N_ROWS);
        // a prefix of the rows, on a SharedArrayBuffer (no copy), into a caller-provided plain array
        const shared = allocSharedRows(N_ROWS, N_FEATURES);
        shared.set(X);
        const out = new Float64Array(3001).fill(-1);
        const res = await p.predictProbaBatch(shared, 3000, out);
        expect(res).toBe(out);
        sameBits(out, ref, 3000);
        expect(out[3000]).toBe(-1);
        // scored by the workers alone (this thread free meanwhile): the same bits, no chunk scored here
        if (chunk === 256) {
          const here = vi.spyOn(model, 'predictProbaBatch');
          try {
            sameBits(await p.predictProbaBatch(shared, N_ROWS, undefined, { callerHelps: false }), ref, N_ROWS);
            expect(here).not.toHaveBeenCalled();
          } finally {
            here.mockRestore();
          }
        }
      } finally {
        await p.close();
      }
    }
  });

  it('explains chosen rows across threads bit-identically to the single-thread TreeSHAP block explainer', async () => {
    const ex = new LeafTableTreeShap(model);
    const one = (r: number) => ex.shapRows(X, [r], new Float64Array(N_FEATURES));
    const rows = Int32Array.from({ length: 700 }, (_, k) => (k * 7919) % N_ROWS);
    for (const threads of [1, 2, 3]) {
      const p = await ParallelGbdtPredictor.create(model, { threads });
      try {
        const phi = await p.shapRows(X, N_ROWS, rows);
        expect(phi.length).toBe(rows.length * N_FEATURES);
        for (const k of [0, 1, 63, 64, 65, 350, 699]) sameBits(phi.subarray(k * N_FEATURES, (k + 1) * N_FEATURES), one(rows[k]), N_FEATURES);
        const all = new Float64Array(rows.length * N_FEATURES);
        for (let k = 0; k < rows.length; k++) all.set(one(rows[k]), k * N_FEATURES);
        sameBits(phi, all, all.length);
        // explained by the workers alone (this thread free meanwhile): the same bits, no block explained here
        const here = vi.spyOn(LeafTableTreeShap.prototype, 'shapRows');
        try {
          sameBits(await p.shapRows(X, N_ROWS, rows, { callerHelps: false }), all, all.length);
          expect(here.mock.calls.length === 0).toBe(threads > 1);
        } finally {
          here.mockRestore();
        }
        expect((await p.shapRows(X, N_ROWS, [])).length).toBe(0);
        await expect(p.shapRows(X, N_ROWS, [N_ROWS])).rejects.toThrow(RangeError);
      } finally {
        await p.close();
      }
    }
  });

  it('scores with the calling thread only when threads = 1, and batches up to one chunk in place', async () => {
    const ref = model.predictProbaBatch(X, N_ROWS);
    const one = await ParallelGbdtPredictor.create(model, { threads: 1 });
    try {
      expect(one.threads).toBe(1);
      sameBits(await one.predictProbaBatch(X, N_ROWS), ref, N_ROWS);
    } finally {
      await one.close();
    }
    pp = await ParallelGbdtPredictor.create(model, { threads: 3, chunk: 100 });
    sameBits(await pp.predictProbaBatch(X, 100), ref, 100);
    sameBits(await pp.predictProbaBatch(X, N_ROWS), ref, N_ROWS);
    // several batches in flight at once each get their own rows back
    const [a, b] = await Promise.all([pp.predictProbaBatch(X, N_ROWS), pp.predictProbaBatch(X.subarray(N_FEATURES * 10), N_ROWS - 10)]);
    sameBits(a, ref, N_ROWS);
    sameBits(b, ref.subarray(10), N_ROWS - 10);
  });

  it('returns an empty result for 0 rows and rejects bad input', async () => {
    const p = pp as ParallelGbdtPredictor;
    expect((await p.predictProbaBatch(new Float64Array(0), 0)).length).toBe(0);
    const out = new Float64Array(2).fill(5);
    expect(await p.predictProbaBatch(X, 0, out)).toBe(out);
    expect(Array.from(out)).toEqual([5, 5]);
    await expect(p.predictProbaBatch(X, -1)).rejects.toThrow(RangeError);
    await expect(p.predictProbaBatch(X, 1.5)).rejects.toThrow(RangeError);
    await expect(p.predictProbaBatch(X.subarray(0, 10), 2)).rejects.toThrow(/X has 10 values/);
    await expect(p.predictProbaBatch(X, 10, new Float64Array(5))).rejects.toThrow(/out has 5 values/);
    await expect(ParallelGbdtPredictor.create(model, { threads: 0 })).rejects.toThrow(/threads/);
    await expect(ParallelGbdtPredictor.create(model, { chunk: 0 })).rejects.toThrow(/chunk/);
  });

  it('terminates its workers on close and refuses batches afterwards', async () => {
    const p = await ParallelGbdtPredictor.create(model, { threads: 3, chunk: 64 });
    const workers = (p as unknown as { workers: Worker[] }).workers;
    expect(workers.length).toBe(2);
    expect(workers.every((w) => w.threadId > 0)).toBe(true);
    sameBits(await p.predictProbaBatch(X, 1000), model.predictProbaBatch(X, 1000), 1000);
    await p.close();
    expect(workers.every((w) => w.threadId === -1)).toBe(true);
    await expect(p.predictProbaBatch(X, 1000)).rejects.toThrow(/closed/);
    // closing twice is harmless
    await p.close();
  });

  it('settles a batch that is in flight when it is closed (all rows scored, or rejected; never left pending)', async () => {
    const p = await ParallelGbdtPredictor.create(model, { threads: 2, chunk: 1 });
    const ref = model.predictProbaBatch(X, N_ROWS);
    const pending = p.predictProbaBatch(X, N_ROWS);
    await p.close();
    const outcome = await pending.then(
      (res) => {
        sameBits(res, ref, N_ROWS);
        return 'scored';
      },
      (e: Error) => e.message,
    );
    expect(outcome).toMatch(/^scored$|worker exited/);
  });
});
