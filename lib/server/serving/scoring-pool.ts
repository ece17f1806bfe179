/**
 * Scoring threads of the prediction API. Next route handlers run on one event loop per server process; with the
 * model's work there (feature transform, trees, TreeSHAP reasons: most of a request's CPU) every request queues
 * behind every other's scoring. The pool keeps each served version loaded in SERVING_THREADS worker threads and
 * the route hands them the request body: a thread parses, validates and scores it with the same `predict` and
 * answers with the serialized response (scoring-thread.ts), while the event loop goes on accepting requests.
 *
 * Never a failed request because of the pool: a version is loaded into the threads before the alias map serves it
 * (serving-cache.ts); a thread that dies is restarted with every loaded version, and what it had in hand — or
 * anything sent while no thread is ready — comes back as `null` from `predict`, which the route then scores on
 * the event loop.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as workerThreads from 'node:worker_threads';
import type { ModelAliasName } from '@/lib/api/dto';
import { env } from '@/lib/server/env';
import { threadExecArgv } from '@/lib/server/threads/exec-argv';
import type { FromThread, ThreadError, ThreadModel, ToThread } from './scoring-protocol';

export type PoolAnswer = { ok: true; json: string; modelName: string; version: number; probabilities: Float64Array } | { ok: false; error: ThreadError };

type Settle = (m: FromThread | null) => void;

interface Slot {
  worker: workerThreads.Worker;
  ready: boolean;
  pending: Map<number, Settle>;
  /** versions sent to this thread (the thread takes messages in order, so a request sent later finds them loaded) */
  loads: Map<string, Promise<void>>;
}

/** Path of the thread's entry; computed at run time so the bundler leaves it alone (the thread runs the sources through tsx). */
function threadEntry(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), 'lib', 'server', 'serving', 'scoring-thread-boot.mjs');
}

/**
 * Default thread count: one per core but the event loop's (it answers HTTP, and is busy doing so under load), at
 * most 4; none on a single core. On 2 cores, a second thread only took CPU from the event loop: bench:api measured
 * one customer at 16 connections 15–20 % faster with one thread than with two, whose batches of 100 it sped up.
 */
export function defaultScoringThreads(): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(4, cores - 1);
}

/** Bodies at least this long (some 40 customers) with reasons are split across the ready threads. */
export const SPLIT_MIN_BYTES = 16_384;

export class ScoringPool {
  readonly size: number;
  /** when the pool was created (ms since the epoch) */
  readonly startedAt = Date.now();
  private readonly slots: (Slot | null)[];
  private readonly models = new Map<string, ThreadModel>();
  private nextJob = 1;
  private closed = false;
  /** restarts so far (a crash-looping thread stops being restarted after MAX_RESTARTS) */
  restarts = 0;
  static readonly MAX_RESTARTS = 20;

  constructor(threads: number) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be an integer ≥ 1, got ${threads}`);
    this.size = threads;
    this.slots = Array.from({ length: threads }, () => null);
    for (let i = 0; i < threads; i++) this.start(i);
  }

  private start(i: number): void {
    // Reflect.construct: a `new Worker(<run-time path>)` would make the bundler try to resolve the path.
    const worker = Reflect.construct(workerThreads.Worker, [threadEntry(), { execArgv: threadExecArgv() }]) as workerThreads.Worker;
    const slot: Slot = { worker, ready: false, pending: new Map(), loads: new Map() };
    this.slots[i] = slot;
    worker.unref();
    worker.on('message', (m: FromThread) => {
      if (m.type === 'ready') {
        // Every version in first (those `load` sent while the thread booted are already on their way); the slot
        // takes requests once they are all in.
        void Promise.all([...this.models.values()].map((model) => slot.loads.get(model.versionId) ?? this.loadInto(slot, model))).then(
          () => (slot.ready = !this.closed && this.slots[i] === slot),
          (e: unknown) => {
            console.error(`[scoring-pool] a thread could not load a model, restarting it: ${(e as Error).message}`);
            void worker.terminate();
          },
        );
        return;
      }
      const settle = slot.pending.get(m.job);
      if (settle) {
        slot.pending.delete(m.job);
        settle(m);
      }
    });
    worker.on('error', (e) => console.error(`[scoring-pool] thread failed: ${e.message}`));
    worker.on('exit', (code) => {
      slot.ready = false;
      for (const settle of slot.pending.values()) settle(null);
      slot.pending.clear();
      if (this.slots[i] !== slot) return;
      this.slots[i] = null;
      if (this.closed) return;
      if (this.restarts >= ScoringPool.MAX_RESTARTS) {
        console.error(`[scoring-pool] a thread exited too often (code ${code}); requests are scored on the event loop`);
        return;
      }
      this.restarts++;
      console.warn(`[scoring-pool] a thread exited (code ${code}); restarting it`);
      this.start(i);
    });
  }

  private post(slot: Slot, msg: ToThread & { job: number }): Promise<FromThread | null> {
    return new Promise<FromThread | null>((resolve) => {
      slot.pending.set(msg.job, resolve);
      slot.worker.postMessage(msg);
    });
  }

  private loadInto(slot: Slot, model: ThreadModel): Promise<void> {
    const loading = this.post(slot, { type: 'load', job: this.nextJob++, model }).then((r) => {
      if (r === null) return; // the thread is gone: its restart loads the model
      if (r.type === 'loaded' && r.error) throw new Error(`scoring thread could not load ${model.modelName} v${model.version}: ${r.error}`);
    });
    slot.loads.set(model.versionId, loading);
    return loading;
  }

  /** Loads a version into every thread (and into threads started later). Resolves once all running threads have it. */
  async load(model: ThreadModel): Promise<void> {
    if (this.closed) throw new Error('scoring pool is closed');
    this.models.set(model.versionId, model);
    await Promise.all(this.slots.map((s) => (s ? this.loadInto(s, model) : undefined)));
  }

  unload(versionId: string): void {
    if (!this.models.delete(versionId)) return;
    for (const s of this.slots) {
      s?.loads.delete(versionId);
      s?.worker.postMessage({ type: 'unload', versionId } satisfies ToThread);
    }
  }

  has(versionId: string): boolean {
    return this.models.has(versionId);
  }

  /** Threads ready to score now. */
  readyThreads(): number {
    return this.slots.filter((s) => s?.ready).length;
  }

  /**
   * Scores a request body: in the least busy ready thread, or — a batch with reasons, when two or more threads are
   * ready — split across all of them (each validates the whole body and scores its part; the parts are joined
   * here into the same JSON one thread would have written). `null`: no thread could answer (none ready, a thread
   * died, the version is not loaded there, or a thread hit an internal error) — score it on the event loop.
   */
  async predict(versionId: string, alias: ModelAliasName, body: string, reasons: boolean): Promise<PoolAnswer | null> {
    if (this.closed || !this.models.has(versionId)) return null;
    const ready = this.slots.filter((s): s is Slot => !!s?.ready);
    if (ready.length === 0) return null;
    if (reasons && ready.length >= 2 && body.length >= SPLIT_MIN_BYTES) return this.predictSplit(ready, versionId, alias, body);
    let best = ready[0];
    for (const s of ready) if (s.pending.size < best.pending.size) best = s;
    const r = await this.post(best, { type: 'predict', job: this.nextJob++, versionId, alias, body, reasons });
    const bad = this.unusable(r);
    if (bad !== undefined) return bad;
    const ok = r as Extract<FromThread, { type: 'predicted' }>;
    return { ok: true, json: ok.json, modelName: ok.modelName, version: ok.version, probabilities: ok.probabilities };
  }

  private async predictSplit(slots: Slot[], versionId: string, alias: ModelAliasName, body: string): Promise<PoolAnswer | null> {
    const parts = slots.length;
    const replies = await Promise.all(slots.map((s, part) => this.post(s, { type: 'predict', job: this.nextJob++, versionId, alias, body, reasons: true, part: { part, parts } })));
    // the first part's error is the first error of the whole batch
    for (const r of replies) {
      const bad = this.unusable(r);
      if (bad !== undefined) return bad;
    }
    const done = replies as Extract<FromThread, { type: 'predicted' }>[];
    const items = done.map((r) => r.items ?? '').filter((x) => x.length > 0);
    const probabilities = new Float64Array(done.reduce((n, r) => n + r.probabilities.length, 0));
    let at = 0;
    for (const r of done) {
      probabilities.set(r.probabilities, at);
      at += r.probabilities.length;
    }
    return { ok: true, json: `{"model":${done[0].json},"predictions":[${items.join(',')}]}`, modelName: done[0].modelName, version: done[0].version, probabilities };
  }

  /** undefined for a usable answer; else what `predict` returns instead (null: the event loop scores it). */
  private unusable(r: FromThread | null): PoolAnswer | null | undefined {
    if (r === null || r.type === 'ready' || r.type === 'loaded') return null;
    if (r.type === 'failed') {
      if (r.internal) {
        console.warn(`[scoring-pool] a thread could not score a request, scoring it on the event loop: ${r.error.message}`);
        return null;
      }
      return { ok: false, error: r.error };
    }
    return undefined;
  }

  /** Test hook: ends one thread as a crash would (it is restarted). */
  async killThread(i: number): Promise<void> {
    await this.slots[i]?.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}

const KEY = Symbol.for('churnlab.scoring-pool');

/** The process's pool (started on first use), or null when SERVING_THREADS is 0. */
export function scoringPool(): ScoringPool | null {
  const g = globalThis as unknown as Record<symbol, ScoringPool | null | undefined>;
  if (g[KEY] !== undefined) return g[KEY];
  const n = env().SERVING_THREADS ?? defaultScoringThreads();
  if (n > 0 && !existsSync(threadEntry())) {
    console.error(`[scoring-pool] ${threadEntry()} is missing (the server must run from the repository root); scoring on the event loop`);
    g[KEY] = null;
  } else {
    try {
      g[KEY] = n > 0 ? new ScoringPool(n) : null;
    } catch (e) {
      // (a pool that cannot start must not stop the models from loading: they are scored here instead)
      console.error(`[scoring-pool] the scoring threads could not start (${(e as Error).message}); scoring on the event loop`);
      g[KEY] = null;
    }
  }
  return g[KEY];
}

/** Test hook: close and forget the process's pool. */
export async function resetScoringPool(): Promise<void> {
  const g = globalThis as unknown as Record<symbol, ScoringPool | null | undefined>;
  const p = g[KEY];
  g[KEY] = undefined;
  await p?.close();
}
