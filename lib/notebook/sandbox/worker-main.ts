import type { SandboxLibName, TableData, WorkerRequestMessage, WorkerResponseMessage, WorkerRunResult } from './protocol';
import type { ParseFn, SandboxRuntime } from './runtime';

/** The parts of a dedicated worker's global scope the sandbox touches. */
export interface SandboxScope {
  postMessage(message: WorkerResponseMessage): void;
  addEventListener(type: 'message', listener: (e: { data: WorkerRequestMessage }) => void | Promise<void>): void;
  addEventListener(type: 'error' | 'unhandledrejection', listener: (e: { message?: string; reason?: unknown; preventDefault(): void }) => void): void;
  setTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  setInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
  clearTimeout(id: number | undefined): void;
  clearInterval(id: number | undefined): void;
  eval(code: string): unknown;
}

/** Globals a cell must not reach: network, storage, other workers and ways to talk past the page's protocol. */
export const BLOCKED_GLOBALS = [
  'fetch', 'fetchLater', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'importScripts',
  'Worker', 'SharedWorker', 'indexedDB', 'caches', 'BroadcastChannel', 'Notification', 'RTCPeerConnection', 'RTCDataChannel',
  'requestFileSystem', 'webkitRequestFileSystem', 'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL',
  'webkitResolveLocalFileSystemSyncURL', 'cookieStore', 'fonts', 'close', 'postMessage', 'onmessage',
] as const;

/**
 * Entry point of the sandbox worker. SELF-CONTAINED (the worker script is built from its `toString()`), so it only
 * uses its parameters and globals. It locks the global scope (the worker's own CSP is the real network barrier;
 * this makes the escape hatches fail with a clear message), then answers `load` (evaluate a library bundle sent as
 * text) and `run` (evaluate a cell as an async function body with `aq`, `tf`, `dfd`, `console` and the input tables
 * in scope). The time limit is the page's job: it terminates the worker.
 */
export function sandboxWorkerMain(scope: SandboxScope, rt: SandboxRuntime, libUrls: Record<SandboxLibName, string>, blockedNames: readonly string[]): void {
  const g = scope as unknown as Record<string, unknown>;
  const post = scope.postMessage.bind(scope);
  const listen = scope.addEventListener.bind(scope);
  const evaluate = scope.eval;
  const realSetTimeout = scope.setTimeout.bind(scope);
  const realSetInterval = scope.setInterval.bind(scope);
  const realClearTimeout = scope.clearTimeout.bind(scope);
  const realClearInterval = scope.clearInterval.bind(scope);
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
  const CELL_FILE = 'notebook-cell.js';
  const libs: Partial<Record<SandboxLibName, unknown>> = {};

  // Logs of the current run (null between runs: library chatter while loading is dropped).
  let logs: string[] | null = null;
  let dropped = 0;
  const write = (prefix: string, args: unknown[]) => {
    if (!logs) return;
    if (logs.length >= rt.limits.logLines) {
      dropped++;
      return;
    }
    const text = prefix + args.map((a) => (typeof a === 'string' ? a : rt.inspect(a, 2))).join(' ');
    logs.push(text.length > rt.limits.logLineChars ? `${text.slice(0, rt.limits.logLineChars)}…` : text);
  };
  const sandboxConsole = Object.freeze({
    log: (...a: unknown[]) => write('', a),
    info: (...a: unknown[]) => write('', a),
    debug: (...a: unknown[]) => write('', a),
    dir: (...a: unknown[]) => write('', a),
    table: (...a: unknown[]) => write('', a),
    warn: (...a: unknown[]) => write('[warn] ', a),
    error: (...a: unknown[]) => write('[error] ', a),
    trace: (...a: unknown[]) => write('[trace] ', a),
    assert: (ok: unknown, ...a: unknown[]) => (ok ? undefined : write('[assert] ', a.length ? a : ['assertion failed'])),
    time: () => undefined,
    timeEnd: () => undefined,
    group: () => undefined,
    groupEnd: () => undefined,
  });

  // Timers a cell starts are cleared when it finishes, so a forgotten setInterval cannot spin between runs.
  const pending = new Map<number, 'timeout' | 'interval'>();
  let active = false;
  const wrappedSetTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw new TypeError('setTimeout needs a function');
    const id = realSetTimeout(() => {
      pending.delete(id);
      (fn as (...a: unknown[]) => void)(...args);
    }, ms);
    if (active) pending.set(id, 'timeout');
    return id;
  };
  const wrappedSetInterval = (fn: unknown, ms?: number, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw new TypeError('setInterval needs a function');
    const id = realSetInterval(() => (fn as (...a: unknown[]) => void)(...args), ms);
    if (active) pending.set(id, 'interval');
    return id;
  };
  const clearAll = () => {
    for (const [id, kind] of pending) (kind === 'timeout' ? realClearTimeout : realClearInterval)(id);
    pending.clear();
  };

  // Lock: on the global and on every prototype that defines the name, so it cannot be fetched back from a prototype.
  const lock = (name: string, value: unknown) => {
    const desc = { value, writable: false, configurable: false, enumerable: false };
    for (let o: object | null = Object.getPrototypeOf(g); o; o = Object.getPrototypeOf(o)) {
      if (Object.prototype.hasOwnProperty.call(o, name)) {
        try {
          Object.defineProperty(o, name, desc);
        } catch {
          // a non-configurable platform property: the own property below still shadows it
        }
      }
    }
    try {
      Object.defineProperty(g, name, desc);
    } catch {
      // already locked
    }
  };
  const blocked = (name: string) =>
    function blockedGlobal() {
      throw new Error(`${name} is not available in notebook code cells (the sandbox has no network, storage or workers)`);
    };
  for (const name of blockedNames) {
    const current = g[name];
    lock(name, typeof current === 'function' || name === 'fetch' || name === 'importScripts' ? blocked(name) : undefined);
  }
  lock('document', undefined);
  lock('window', undefined);
  const nav = g.navigator as { userAgent?: string; language?: string; languages?: string[]; hardwareConcurrency?: number; platform?: string } | undefined;
  lock('navigator', Object.freeze({ userAgent: nav?.userAgent ?? '', language: nav?.language ?? 'en', languages: Object.freeze([...(nav?.languages ?? [])]), hardwareConcurrency: nav?.hardwareConcurrency ?? 1, platform: nav?.platform ?? '', onLine: false }));
  lock('console', sandboxConsole);
  lock('setTimeout', wrappedSetTimeout);
  lock('setInterval', wrappedSetInterval);

  // Engine line of a cell's first line: the Function constructor adds a header of its own.
  let lineOffset = 2;
  try {
    const probe = new Function('a', 'b', `throw new Error('probe')\n//# sourceURL=${CELL_FILE}`);
    probe();
  } catch (e) {
    const m = new RegExp(`${CELL_FILE.replace('.', '\\.')}:(\\d+)`).exec(String((e as Error)?.stack ?? ''));
    if (m) lineOffset = Number(m[1]) - 1;
  }

  const errorOf = (e: unknown, line?: number): { name: string; message: string; line?: number } => {
    if (e instanceof Error || (e && typeof e === 'object' && 'message' in e)) {
      const err = e as Error;
      const m = new RegExp(`${CELL_FILE.replace('.', '\\.')}:(\\d+)`).exec(String(err.stack ?? ''));
      const at = line ?? (m ? Number(m[1]) - lineOffset : undefined);
      return { name: String(err.name || 'Error'), message: String(err.message), ...(at !== undefined && at >= 1 ? { line: at } : {}) };
    }
    return { name: 'Error', message: `uncaught ${rt.inspect(e, 2)}` };
  };

  const toTable = (name: string, data: TableData) => {
    const aq = libs.aq as { table(c: Record<string, unknown>): unknown } | undefined;
    if (!aq) throw new Error('arquero did not load: reload the page');
    const cols = data && typeof data === 'object' ? data.columns : undefined;
    if (!cols || typeof cols !== 'object') throw new TypeError(`input "${name}" has no columns`);
    return aq.table(cols);
  };

  async function run(id: number, source: string, inputs: Record<string, TableData>) {
    logs = [];
    dropped = 0;
    active = true;
    let result: WorkerRunResult;
    try {
      const names = Object.keys(inputs ?? {});
      const bad = names.find((n) => !rt.isValidInputName(n));
      if (bad !== undefined) throw new TypeError(`input "${bad}" is not a usable JavaScript name (letters, digits, _ or $; not a keyword or aq/tf/dfd/console)`);
      const tables = names.map((n) => toTable(n, inputs[n]));
      const prepared = rt.prepareSource(String(source), (libs.acorn as { parse?: ParseFn } | undefined)?.parse ?? null);
      let fn: (...a: unknown[]) => Promise<unknown>;
      try {
        fn = new AsyncFunction('aq', 'tf', 'dfd', 'console', ...names, `${prepared.body}\n//# sourceURL=${CELL_FILE}`);
      } catch (e) {
        if (prepared.syntaxError) {
          const err = new SyntaxError(prepared.syntaxError.message);
          throw Object.assign(err, { sandboxLine: prepared.syntaxError.line });
        }
        throw e;
      }
      const value = await fn(libs.aq, libs.tf, libs.dfd, sandboxConsole, ...tables);
      const norm = rt.normalizeOutput(value, inputs ?? {});
      for (const note of norm.notes) logs.push(`[sandbox] ${note}`);
      result = { ok: true, output: norm.output, logs, ...(norm.value ? { value: norm.value } : {}) };
    } catch (e) {
      const line = (e as { sandboxLine?: number } | null)?.sandboxLine;
      result = { ok: false, error: errorOf(e, line), logs: logs ?? [] };
    } finally {
      clearAll();
      active = false;
    }
    if (dropped > 0) result.logs.push(`[sandbox] ${dropped} more log lines dropped`);
    logs = null;
    try {
      post({ type: 'result', id, result });
    } catch (e) {
      post({ type: 'result', id, result: { ok: false, error: { name: 'DataCloneError', message: `the cell's output could not be sent to the page: ${(e as Error).message}` }, logs: result.logs } });
    }
  }

  // An error thrown in a cell's timer or promise callback belongs in that cell's log; unhandled it would reach the
  // page as a worker error, which means "the worker is broken" there and costs a restart.
  scope.addEventListener('error', (e) => {
    e.preventDefault();
    write('[error] ', [e.message ?? 'uncaught error']);
  });
  scope.addEventListener('unhandledrejection', (e) => {
    e.preventDefault();
    write('[error] unhandled rejection: ', [e.reason instanceof Error ? `${e.reason.name}: ${e.reason.message}` : e.reason]);
  });

  listen('message', async (e) => {
    const msg = e.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'load') {
      try {
        evaluate(String(msg.code));
        const name = msg.name;
        const exported = name === 'aq' ? g.aq : name === 'tf' ? g.tf : name === 'dfd' ? g.dfd : g.acorn;
        if (!exported) throw new Error(`library ${name} did not define its global`);
        if (name === 'tf') {
          // Predictable everywhere (no GPU in a worker on many machines); ignore a failed switch.
          const tf = exported as { setBackend?: (b: string) => Promise<boolean> };
          await tf.setBackend?.('cpu')?.catch?.(() => undefined);
        }
        libs[name] = exported;
        post({ type: 'loaded', name });
      } catch (err) {
        post({ type: 'load-error', name: msg.name, message: (err as Error)?.message ?? String(err) });
      }
    } else if (msg.type === 'run') {
      void run(msg.id, msg.source, msg.inputs);
    }
  });

  post({ type: 'ready', libs: libUrls });
}
