/**
 * Snappy in native code (the `snappy` package, napi-rs) for the Parquet files the server writes and reads: some
 * 8× faster than the JavaScript Snappy of hyparquet and hyparquet-writer, which the browser keeps using (the
 * codecs in lib/data take these as options). Same format: either side reads what the other wrote. Server code only
 * (a native module), also loaded by worker threads, so without the `server-only` marker.
 */
import { compressSync, uncompressSync } from 'snappy';
import type { Compressors } from 'hyparquet';

/** Native calls take bytes on an ArrayBuffer; a view of shared memory is copied first. */
function asBuffer(bytes: Uint8Array): Buffer {
  return bytes.buffer instanceof SharedArrayBuffer ? Buffer.from(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Snappy-compresses `bytes` (raw Snappy, as Parquet pages use it). */
export function snappyCompressNative(bytes: Uint8Array): Uint8Array {
  return compressSync(asBuffer(bytes));
}

/** hyparquet's `compressors` with native Snappy; a page that does not expand to its declared size is refused. */
export const nativeSnappyDecompressors: Compressors = {
  SNAPPY: (input: Uint8Array, outputLength: number): Uint8Array => {
    const out = uncompressSync(asBuffer(input)) as Buffer;
    if (out.length !== outputLength) throw new Error(`Snappy page expands to ${out.length} bytes, its header says ${outputLength}`);
    return out;
  },
};
