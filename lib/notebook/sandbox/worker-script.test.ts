import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { WorkerRequestMessage, WorkerResponseMessage, WorkerRunResult } from './protocol';
import { buildWorkerScript, SANDBOX_WORKER_CSP } from './worker-script';

const NM = path.join(process.cwd(), 'node_modules');
const LIBS = { acorn: '/lib/acorn', aq: '/lib/aq', tf: '/lib/tf', dfd: '/lib/dfd' };

/**
 * The assembled worker script in a fresh V8 context standing in for a worker global (this is what proves the
 * serialized functions are self-contained). The browser-only guarantees (CSP, no DOM) are in e2e/ui/sandbox.spec.ts.
 */
function startWorker() {
  const sent: WorkerResponseMessage[] = [];
  const listeners: ((e: { data: WorkerRequestMessage }) => void)[] = [];
  const ctx = vm.createContext({
    postMessage: (m: WorkerResponseMessage) => sent.push(m),
    addEventListener: (type: string, l: (e: { data: WorkerRequestMessage }) => void) => (type === 'message' ? listeners.push(l) : undefined),
    setTimeout,
    setInterval,
    clearTimeout,
    clearInterval,
    TextDecoder,
    TextEncoder,
    fetch: () => 'reached the network',
    importScripts: () => 'loaded a script',
    navigator: { userAgent: 'test', storage: {} },
  });
  vm.runInContext('globalThis.self = globalThis', ctx);
  vm.runInContext(buildWorkerScript(LIBS), ctx, { filename: 'sandbox-worker.js' });
  const send = (data: WorkerRequestMessage) => listeners.forEach((l) => l({ data }));
  let id = 0;
  const waitFor = async <T>(pick: () => T | undefined): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const v = pick();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('worker did not answer');
  };
  return {
    sent,
    ctx,
    load: async (name: 'acorn' | 'aq', file: string) => {
      send({ type: 'load', name, code: readFileSync(path.join(NM, file), 'utf8') });
      return waitFor(() => sent.find((m) => (m.type === 'loaded' || m.type === 'load-error') && m.name === name));
    },
    run: async (source: string, inputs = {}): Promise<WorkerRunResult> => {
      const my = ++id;
      send({ type: 'run', id: my, source, inputs });
      return waitFor(() => sent.find((m): m is Extract<WorkerResponseMessage, { type: 'result' }> => m.type === 'result' && m.id === my)?.result);
    },
  };
}

describe('sandbox worker script', () => {
  it('announces its library URLs, loads libraries sent as text and runs cells with inputs', async () => {
    const w = startWorker();
    expect(w.sent[0]).toEqual({ type: 'ready', libs: LIBS });
    expect(await w.load('acorn', 'acorn/dist/acorn.js')).toEqual({ type: 'loaded', name: 'acorn' });
    expect(await w.load('aq', 'arquero/dist/arquero.min.js')).toEqual({ type: 'loaded', name: 'aq' });
    const snapshot = { columns: { plan: ['a', 'b', 'a'], spend: new Float64Array([1, 2, 3]) } };
    const r = await w.run('const t = snapshot.groupby("plan")\nt.rollup({ total: aq.op.sum("spend") })', { snapshot });
    expect(r.ok && r.output).toEqual({ kind: 'table', columns: [{ name: 'plan', type: 'string' }, { name: 'total', type: 'number' }], rows: [['a', 4], ['b', 2]], totalRows: 2 });
    const logged = await w.run('console.log("n =", snapshot.numRows()); console.warn({ a: 1 })', { snapshot });
    expect(logged).toEqual({ ok: true, output: { kind: 'empty' }, logs: ['n = 3', '[warn] { a: 1 }'] });
  });

  it('blocks network globals even through prototypes, and reports errors with the cell line', async () => {
    const w = startWorker();
    await w.load('acorn', 'acorn/dist/acorn.js');
    await w.load('aq', 'arquero/dist/arquero.min.js');
    const fetchRun = await w.run('const G = (() => {}).constructor("return this")()\ndelete G.fetch\nG.fetch("/api/projects")');
    expect(fetchRun).toMatchObject({ ok: false, error: { name: 'Error', message: expect.stringMatching(/^fetch is not available/), line: 3 } });
    expect(await w.run('importScripts("https://example.com/x.js")')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^importScripts is not available/) } });
    expect(await w.run('[typeof document, typeof window, typeof navigator.storage].join()')).toMatchObject({ ok: true, output: { kind: 'value', text: 'undefined,undefined,undefined' } });
    expect(await w.run('const a = 1\n\nnull.x')).toMatchObject({ ok: false, error: { name: 'TypeError', line: 3 } });
    expect(await w.run('const a = 1\nconst = 2')).toMatchObject({ ok: false, error: { name: 'SyntaxError', line: 2 } });
    expect(await w.run('1', { 'bad-name': { columns: {} } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/input "bad-name"/) } });
    expect(vm.runInContext('typeof postMessage', w.ctx)).toBe('function');
  });

  it('serves a CSP that allows no script loading and no connections', () => {
    expect(SANDBOX_WORKER_CSP).toMatch(/default-src 'none'/);
    expect(SANDBOX_WORKER_CSP).toMatch(/script-src 'unsafe-eval' 'wasm-unsafe-eval';/);
    expect(SANDBOX_WORKER_CSP).toMatch(/connect-src 'none'/);
    expect(SANDBOX_WORKER_CSP).toMatch(/worker-src 'none'/);
  });
});
