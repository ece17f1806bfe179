import type { SandboxLibName } from './protocol';
import { createInspect, INSPECT_MAX_CHARS } from './inspect';
import { createSandboxRuntime } from './runtime';
import { BLOCKED_GLOBALS, sandboxWorkerMain } from './worker-main';

/**
 * Content-Security-Policy of the worker script's response. A dedicated worker enforces its own response CSP, not
 * the page's: no script may be loaded at all (libraries arrive as text over postMessage), no connection of any
 * kind, no nested workers; 'unsafe-eval' is what runs the cell and the library text.
 */
export const SANDBOX_WORKER_CSP = "default-src 'none'; script-src 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The classic worker script: the runtime and the entry point, both serialized from their `toString()` so the code
 * that runs in the worker is the code unit tests import. `libUrls` are the versioned library URLs the worker
 * reports to the page in its `ready` message.
 */
export function buildWorkerScript(libUrls: Record<SandboxLibName, string>): string {
  return [
    "'use strict';",
    '// ChurnLab notebook sandbox worker: runs code cells with no network, DOM, storage or nested workers.',
    // esbuild (tsx, vitest) with keepNames wraps functions in __name(); a serialized function needs the helper.
    "var __name = (f, value) => Object.defineProperty(f, 'name', { value, configurable: true });",
    `(${sandboxWorkerMain.toString()})(self, (${createSandboxRuntime.toString()})((${createInspect.toString()})(${INSPECT_MAX_CHARS})), ${JSON.stringify(libUrls)}, ${JSON.stringify(BLOCKED_GLOBALS)});`,
    '',
  ].join('\n');
}
