import { expect, test, type Page } from '@playwright/test';
import { bundleForBrowser } from '../harness/bundle';
import { storageFor } from '../helpers';
import type { RunResult } from '../../lib/notebook/sandbox/protocol';

/**
 * The notebook code-cell sandbox in real Chromium, on an app page (the app's own CSP applies to the page):
 * - the worker's response CSP alone blocks the network (a probe worker served with that header and no lockdown);
 * - through the shipped SandboxClient (the code behind useSandbox, bundled into the page): fetch, importScripts,
 *   import() and DOM access fail, a runaway cell is stopped at its time limit and the next run gets a fresh worker,
 *   and aq / tf / dfd / vega-lite cells give table, value and chart outputs.
 */

declare global {
  var ChurnLabSandbox: { SandboxClient: new () => { run(req: unknown): Promise<RunResult>; stop(): void; running: boolean } };
  var sbx: InstanceType<typeof ChurnLabSandbox.SandboxClient>;
}

async function openClient(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('role')).toHaveText('scientist');
  const code = await bundleForBrowser("export { SandboxClient } from '@/components/notebook/sandbox/sandbox-client';", { globalName: 'ChurnLabSandbox' });
  // A string is evaluated by DevTools, not by a page <script>: the page's CSP (no inline script) stays as it is.
  await page.evaluate(code);
  await page.evaluate(() => {
    globalThis.sbx = new globalThis.ChurnLabSandbox.SandboxClient();
  });
}

/** Runs a cell with a small `snapshot` input (numbers as Float64Array, as the app sends them). */
function run(page: Page, source: string, timeoutMs?: number): Promise<RunResult & { elapsed: number }> {
  return page.evaluate(
    async ({ source, timeoutMs }) => {
      const snapshot = { columns: { plan: ['basic', 'pro', 'basic', 'pro', 'basic'], spend: new Float64Array([10, 20, 30, 40, 50]) } };
      const t0 = performance.now();
      const r = await globalThis.sbx.run({ source, inputs: { snapshot }, timeoutMs });
      return { ...r, elapsed: performance.now() - t0 };
    },
    { source, timeoutMs },
  );
}

const PROBE = `
const violations = [];
self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
onmessage = async (e) => {
  let out;
  try { out = 'ok ' + String(await (0, eval)(e.data)); } catch (err) { out = 'failed ' + String(err); }
  await new Promise((r) => setTimeout(r, 100));
  postMessage({ out, violations: violations.splice(0) });
};`;

async function probe(page: Page, url: string, sources: string[]): Promise<{ out: string; violations: string[] }[]> {
  return page.evaluate(
    async ({ url, sources }) => {
      const w = new Worker(url);
      const results: { out: string; violations: string[] }[] = [];
      for (const s of sources) {
        results.push(
          await new Promise((resolve) => {
            w.onmessage = (e) => resolve(e.data);
            w.postMessage(s);
          }),
        );
      }
      w.terminate();
      return results;
    },
    { url, sources },
  );
}

test.describe('notebook code-cell sandbox', () => {
  test.use({ storageState: storageFor('scientist') });

  test('the worker script and library bundles are served with their own headers', async ({ request }) => {
    const worker = await request.get('/api/sandbox/worker');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toMatch(/^text\/javascript/);
    expect(worker.headers()['x-content-type-options']).toBe('nosniff');
    const csp = worker.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toMatch(/script-src 'unsafe-eval' 'wasm-unsafe-eval';/);
    const libUrl = /"aq":"([^"]+)"/.exec(await worker.text())?.[1];
    expect(libUrl).toMatch(/^\/api\/sandbox\/lib\/aq\?v=[0-9a-f]{16}$/);
    const lib = await request.get(libUrl!);
    expect(lib.status()).toBe(200);
    expect(lib.headers()['cache-control']).toContain('immutable');
    expect((await lib.text()).length).toBeGreaterThan(100_000);
    const unknown = await request.get('/api/sandbox/lib/lodash');
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/^name: unknown sandbox library "lodash"/);
  });

  test('the worker CSP by itself blocks fetch, script loading and sockets (no lockdown in the probe)', async ({ page, request }) => {
    const csp = (await request.get('/api/sandbox/worker')).headers()['content-security-policy'];
    await page.route('**/csp-probe.js', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/javascript', 'content-security-policy': csp }, body: PROBE }));
    await page.route('**/no-csp-probe.js', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/javascript' }, body: PROBE }));
    await page.goto('/');
    const sources = [
      "fetch('/api/projects').then((r) => r.status)",
      "fetch('https://example.com/').then((r) => r.status)",
      "importScripts('https://example.com/x.js')",
      "import('https://example.com/x.js')",
      "import('/api/projects', { with: { type: 'json' } }).then((m) => JSON.stringify(m.default))",
      "new Promise((resolve) => { const s = new WebSocket('ws://' + location.host + '/'); s.onerror = () => resolve('socket error'); s.onopen = () => resolve('socket open'); })",
    ];
    const blocked = await probe(page, '/api/sandbox/csp-probe.js', sources);
    expect(blocked[0]).toEqual({ out: expect.stringMatching(/^failed TypeError/), violations: ['connect-src'] });
    expect(blocked[1]).toEqual({ out: expect.stringMatching(/^failed TypeError/), violations: ['connect-src'] });
    expect(blocked[2].out).toMatch(/^failed NetworkError/);
    expect(blocked[2].violations).toEqual(['script-src-elem']);
    expect(blocked[3]).toEqual({ out: expect.stringMatching(/^failed TypeError: Failed to fetch dynamically imported module/), violations: ['script-src-elem'] });
    expect(blocked[4].out).toMatch(/^failed TypeError/);
    expect(blocked[4].violations.length).toBeGreaterThan(0);
    expect(blocked[5]).toEqual({ out: 'ok socket error', violations: ['connect-src'] });
    // Control: the same worker without the header reaches the API with the session cookie, so the CSP is what blocks it.
    const open = await probe(page, '/api/sandbox/no-csp-probe.js', [sources[0]]);
    expect(open[0]).toEqual({ out: 'ok 200', violations: [] });
  });

  test('cells cannot reach the network, load scripts or touch the DOM', async ({ page }) => {
    await openClient(page);
    const cases: [string, RegExp][] = [
      ["await fetch('https://example.com/')", /^fetch is not available/],
      ["await fetch('/api/projects')", /^fetch is not available/],
      ["const G = (() => {}).constructor('return this')()\ndelete G.fetch\nawait G.fetch('/api/projects')", /^fetch is not available/],
      ["let p = Object.getPrototypeOf(self)\nwhile (p && !Object.getOwnPropertyDescriptor(p, 'fetch')) p = Object.getPrototypeOf(p)\nawait Object.getOwnPropertyDescriptor(p, 'fetch').value.call(self, '/api/projects')", /^fetch is not available/],
      ["const x = new XMLHttpRequest()\nx.open('GET', '/api/projects', false)\nx.send()", /^XMLHttpRequest is not available/],
      ["new WebSocket('ws://' + location.host)", /^WebSocket is not available/],
      ["importScripts('https://example.com/x.js')", /^importScripts is not available/],
      ["await import('https://example.com/x.js')", /Failed to fetch dynamically imported module/],
      ["await import('/api/projects', { with: { type: 'json' } })", /Failed to fetch dynamically imported module/],
      ['new Worker("/api/sandbox/worker")', /^Worker is not available/],
      ['document.cookie', /Cannot read properties of undefined \(reading 'cookie'\)/],
      ["window.location = 'https://example.com/'", /Cannot set properties of undefined/],
      ["indexedDB.open('x')", /Cannot read properties of undefined/],
    ];
    for (const [source, message] of cases) {
      const r = await run(page, source);
      expect(r.ok, source).toBe(false);
      if (!r.ok) expect(r.error.message, source).toMatch(message);
    }
    const globals = await run(page, "[typeof document, typeof window, typeof fetch, typeof importScripts, typeof navigator.storage, typeof caches].join(' ')");
    expect(globals).toMatchObject({ ok: true, output: { kind: 'value', text: 'undefined undefined function function undefined undefined' } });
  });

  test('a runaway cell is stopped at its time limit and the next run gets a fresh worker', async ({ page }) => {
    await openClient(page);
    expect(await run(page, 'globalThis.marker = 42')).toMatchObject({ ok: true, output: { kind: 'value', text: '42' } });
    const runaway = await run(page, 'while (true) {}', 1500);
    expect(runaway).toMatchObject({ ok: false, timedOut: true, error: { name: 'TimeoutError', message: 'stopped after 1.5 s (time limit)' } });
    expect(runaway.ms).toBeGreaterThanOrEqual(1450);
    expect(runaway.elapsed).toBeLessThan(10_000);
    expect(await run(page, 'typeof globalThis.marker')).toMatchObject({ ok: true, output: { kind: 'value', text: 'undefined' } });
    expect(await run(page, '1 + 1')).toMatchObject({ ok: true, output: { kind: 'value', text: '2' } });

    // stop() ends a run on demand, the same way
    const stopped = await page.evaluate(async () => {
      const p = globalThis.sbx.run({ source: 'for (;;) {}', inputs: {}, timeoutMs: 60_000 });
      await new Promise((r) => setTimeout(r, 500));
      const runningBefore = globalThis.sbx.running;
      globalThis.sbx.stop();
      return { result: await p, runningBefore, runningAfter: globalThis.sbx.running };
    });
    expect(stopped).toMatchObject({ runningBefore: true, runningAfter: false, result: { ok: false, timedOut: false, error: { name: 'Stopped' } } });
    expect(await run(page, '"alive"')).toMatchObject({ ok: true, output: { kind: 'value', text: 'alive' } });
  });

  test('errors in callbacks land in the log without killing the worker; timers end with the cell', async ({ page }) => {
    await openClient(page);
    expect(await run(page, 'globalThis.marker = "kept"')).toMatchObject({ ok: true });
    const late = await run(page, 'setTimeout(() => { throw new Error("late") }, 0)\nPromise.reject(new RangeError("nobody waits"))\nawait new Promise((r) => setTimeout(r, 100))\n"done"');
    expect(late).toMatchObject({ ok: true, output: { kind: 'value', text: 'done' } });
    expect(late.logs).toEqual(expect.arrayContaining([expect.stringMatching(/^\[error\] .*late/), '[error] unhandled rejection: RangeError: nobody waits']));
    expect(await run(page, 'setInterval(() => console.log("tick"), 5)\n"started"')).toMatchObject({ ok: true, logs: [] });
    const after = await run(page, 'await new Promise((r) => setTimeout(r, 100))\nglobalThis.marker');
    expect(after).toMatchObject({ ok: true, output: { kind: 'value', text: 'kept' }, logs: [] });
  });

  test('aq, tf, dfd and vega-lite cells give table, value and chart outputs', async ({ page }) => {
    test.setTimeout(240_000);
    await openClient(page);
    const aq = await run(page, 'const t = snapshot.groupby("plan")\nt.rollup({ n: aq.op.count(), spend: aq.op.sum("spend") }).orderby("plan")');
    expect(aq).toMatchObject({
      ok: true,
      output: { kind: 'table', columns: [{ name: 'plan', type: 'string' }, { name: 'n', type: 'number' }, { name: 'spend', type: 'number' }], rows: [['basic', 3, 90], ['pro', 2, 60]], totalRows: 2 },
      value: { columns: { plan: ['basic', 'pro'] } },
    });

    const tf = await run(page, 'const x = tf.tensor1d(Array.from(snapshot.array("spend")))\nreturn x.mean().dataSync()[0]');
    expect(tf).toMatchObject({ ok: true, output: { kind: 'value', text: '30' } });

    const dfd = await run(page, 'const df = new dfd.DataFrame(snapshot.objects())\nconsole.log("shape", df.shape)\ndf.query(df["spend"].gt(25))', 120_000);
    expect(dfd).toMatchObject({ ok: true, output: { kind: 'table', totalRows: 3, rows: [['basic', 30], ['pro', 40], ['basic', 50]] }, logs: ['shape [5, 2]'] });

    const chart = await run(page, '({ mark: "bar", data: { name: "snapshot" }, encoding: { x: { field: "plan", type: "nominal" }, y: { field: "spend", aggregate: "sum", type: "quantitative" } } })');
    expect(chart).toMatchObject({ ok: true, output: { kind: 'chart', spec: { mark: 'bar', data: { values: [{ plan: 'basic', spend: 10 }, { plan: 'pro', spend: 20 }, {}, {}, {}] } } } });

    const refused = await run(page, '({ mark: "bar", data: { url: "/api/projects" } })');
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"data\.url" is not allowed/) } });

    const err = await run(page, 'const a = 1\n\nsnapshot.nope()');
    expect(err).toMatchObject({ ok: false, timedOut: false, error: { name: 'TypeError', line: 3 } });
  });
});
