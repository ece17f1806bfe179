import * as tf from '@tensorflow/tfjs';

export type TfBackendName = 'wasm' | 'cpu' | 'webgl';

let wasmPrefix: string | undefined;

/**
 * Selects the tfjs backend and waits until it is ready; returns the backend actually active, which is 'cpu'
 * when the preferred one cannot start (no WebGL, wasm files not found, ...).
 *
 * `wasmPath` is the URL or absolute directory that serves `tfjs-backend-wasm*.wasm` (the package's `dist/`).
 * In Node the caller resolves it (lib/ does not touch fs/path); in the browser it is a public URL. It is applied
 * once, before the wasm backend first initialises (tfjs refuses to change it afterwards).
 */
export async function initTfBackend(preferred: TfBackendName, wasmPath?: string): Promise<TfBackendName> {
  if (preferred !== 'wasm' && preferred !== 'cpu' && preferred !== 'webgl') {
    throw new RangeError(`initTfBackend: unknown backend "${String(preferred)}" (expected wasm, cpu or webgl)`);
  }
  if (tf.getBackend() === preferred) return preferred;
  if (preferred === 'wasm') {
    try {
      // Imported lazily so browser bundles that never pick wasm do not load it; importing registers the backend.
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (wasmPath !== undefined && wasmPrefix === undefined) {
        wasmPrefix = wasmPath.endsWith('/') ? wasmPath : `${wasmPath}/`;
        wasm.setWasmPaths(wasmPrefix);
      }
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      // fall back to cpu below
    }
  } else if (preferred === 'webgl') {
    try {
      if (await tf.setBackend('webgl')) {
        await tf.ready();
        return 'webgl';
      }
    } catch {
      // fall back to cpu below
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}
