import {
  clampTimeout,
  librariesFor,
  timeLimitMessage,
  type RunRequest,
  type RunResult,
  type SandboxLibName,
  type WorkerRequestMessage,
  type WorkerResponseMessage,
  type WorkerRunResult,
} from '@/lib/notebook/sandbox/protocol';

/** URL of the sandbox worker script (app/api/sandbox/worker/route.ts). */
export const SANDBOX_WORKER_URL = '/api/sandbox/worker';
/** Library loading (danfo.js is ~7 MB and slow to evaluate) has its own, generous limit outside the cell's. */
const LOAD_TIMEOUT_MS = 120_000;

class SandboxStopped extends Error {
  constructor(
    readonly info: { name: string; message: string },
    readonly timedOut = false,
  ) {
    super(info.message);
  }
}

// Library text by versioned URL, shared by every client on the page (the worker cannot fetch it itself).
const libText = new Map<string, Promise<string>>();
function fetchLib(url: string): Promise<string> {
  let hit = libText.get(url);
  if (!hit) {
    hit = fetch(url).then((res) => {
      if (!res.ok) throw new Error(`could not download ${url} (${res.status})`);
      return res.text();
    });
    hit.catch(() => libText.delete(url));
    libText.set(url, hit);
  }
  return hit;
}

/** One live worker: its `ready` manifest, loaded libraries, waiters for its messages, and how it died. */
class WorkerInstance {
  readonly worker: Worker;
  readonly ready: Promise<Record<SandboxLibName, string>>;
  readonly loaded = new Map<SandboxLibName, Promise<void>>();
  private listeners = new Set<(m: WorkerResponseMessage) => void>();
  private deathListeners = new Set<(e: SandboxStopped) => void>();
  dead: SandboxStopped | null = null;

  constructor(url: string) {
    this.worker = new Worker(url, { name: 'notebook-sandbox' });
    this.worker.onmessage = (e: MessageEvent<WorkerResponseMessage>) => {
      for (const l of [...this.listeners]) l(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.kill(new SandboxStopped({ name: 'SandboxError', message: `the sandbox worker failed: ${e.message || 'it could not start or crashed (out of memory?)'}` }));
    };
    this.ready = this.next((m) => (m.type === 'ready' ? m.libs : undefined), LOAD_TIMEOUT_MS);
  }

  /** Resolves with the first message `pick` accepts; rejects when the worker dies or `timeoutMs` passes. */
  next<T>(pick: (m: WorkerResponseMessage) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.dead) return reject(this.dead);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(onMessage);
        this.deathListeners.delete(onDeath);
      };
      const onMessage = (m: WorkerResponseMessage) => {
        const v = pick(m);
        if (v === undefined) return;
        cleanup();
        resolve(v);
      };
      const onDeath = (e: SandboxStopped) => {
        cleanup();
        reject(e);
      };
      const timer = setTimeout(() => {
        cleanup();
        const err = new SandboxStopped({ name: 'SandboxError', message: `the sandbox did not answer within ${Math.round(timeoutMs / 1000)} s` });
        this.kill(err);
        reject(err);
      }, timeoutMs);
      this.listeners.add(onMessage);
      this.deathListeners.add(onDeath);
    });
  }

  post(msg: WorkerRequestMessage): void {
    this.worker.postMessage(msg);
  }

  ensure(name: SandboxLibName): Promise<void> {
    let hit = this.loaded.get(name);
    if (!hit) {
      hit = (async () => {
        const urls = await this.ready;
        const code = await fetchLib(urls[name]);
        if (this.dead) throw this.dead;
        const answer = this.next((m) => ((m.type === 'loaded' || m.type === 'load-error') && m.name === name ? m : undefined), LOAD_TIMEOUT_MS);
        this.post({ type: 'load', name, code });
        const m = await answer;
        if (m.type === 'load-error') throw new SandboxStopped({ name: 'SandboxError', message: `library ${name} failed to load: ${m.message}` });
      })();
      hit.catch(() => this.loaded.delete(name));
      this.loaded.set(name, hit);
    }
    return hit;
  }

  kill(reason: SandboxStopped): void {
    if (this.dead) return;
    this.dead = reason;
    this.worker.terminate();
    for (const l of [...this.deathListeners]) l(reason);
  }
}

/**
 * Runs notebook code cells in a sandboxed worker, one at a time (later calls wait their turn). One worker is reused
 * across runs; a run past its time limit, or `stop()`, terminates it and the next run starts a fresh one.
 */
export class SandboxClient {
  private inst: WorkerInstance | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private active = 0;

  constructor(
    private readonly opts: { workerUrl?: string; onRunningChange?: (running: boolean) => void } = {},
  ) {}

  get running(): boolean {
    return this.active > 0;
  }

  /** Starts the worker and its base libraries ahead of the first run (optional). */
  warmUp(): void {
    const inst = this.instance();
    void Promise.all([inst.ensure('acorn'), inst.ensure('aq')]).catch(() => undefined);
  }

  run(req: RunRequest): Promise<RunResult> {
    this.setActive(+1);
    const result = this.queue.then(() => this.runNow(req));
    this.queue = result.catch(() => undefined);
    return result.finally(() => this.setActive(-1));
  }

  /** Terminates the worker: the current run ends with a `Stopped` error, queued runs get a fresh worker. */
  stop(): void {
    this.inst?.kill(new SandboxStopped({ name: 'Stopped', message: 'stopped by the user' }));
    this.inst = null;
  }

  dispose(): void {
    this.stop();
  }

  private setActive(delta: number) {
    const before = this.running;
    this.active += delta;
    if (before !== this.running) this.opts.onRunningChange?.(this.running);
  }

  private instance(): WorkerInstance {
    if (!this.inst || this.inst.dead) this.inst = new WorkerInstance(this.opts.workerUrl ?? SANDBOX_WORKER_URL);
    return this.inst;
  }

  private async runNow(req: RunRequest): Promise<RunResult> {
    const timeoutMs = clampTimeout(req.timeoutMs);
    let started = performance.now();
    let inst: WorkerInstance | null = null;
    try {
      if (typeof req.source !== 'string') throw new SandboxStopped({ name: 'TypeError', message: 'source: expected the cell source as a string' });
      inst = this.instance();
      const needed = librariesFor(req.source);
      // danfo.js bundles its own tfjs; loading ours first keeps our kernels registered.
      if (needed.includes('dfd') && !needed.includes('tf')) needed.splice(needed.indexOf('dfd'), 0, 'tf');
      for (const name of needed) await inst.ensure(name);
      const id = ++this.seq;
      // The cell's time (and the limit) starts once its libraries are in.
      started = performance.now();
      const live = inst;
      const answer = inst.next((m) => (m.type === 'result' && m.id === id ? m.result : undefined), timeoutMs + LOAD_TIMEOUT_MS);
      const limit = new Promise<never>((_, reject) => {
        const timer = setTimeout(() => {
          const err = new SandboxStopped({ name: 'TimeoutError', message: timeLimitMessage(timeoutMs) }, true);
          live.kill(err);
          reject(err);
        }, timeoutMs);
        answer.then(
          () => clearTimeout(timer),
          () => clearTimeout(timer),
        );
      });
      inst.post({ type: 'run', id, source: req.source, inputs: req.inputs ?? {} });
      const result: WorkerRunResult = await Promise.race([answer, limit]);
      const ms = performance.now() - started;
      return result.ok ? { ...result, ms } : { ...result, ms, timedOut: false };
    } catch (e) {
      const ms = performance.now() - started;
      if (e instanceof SandboxStopped) {
        if (inst && inst === this.inst && inst.dead) this.inst = null;
        return { ok: false, error: e.info, logs: [], ms, timedOut: e.timedOut };
      }
      // e.g. DataCloneError: an input holds something that cannot be copied to the worker
      return { ok: false, error: { name: (e as Error)?.name ?? 'Error', message: (e as Error)?.message ?? String(e) }, logs: [], ms, timedOut: false };
    }
  }
}
