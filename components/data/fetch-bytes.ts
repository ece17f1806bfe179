/** Downloads a response body while counting bytes against content-length, for a visible progress bar. */

export interface FetchedBytes {
  bytes: Uint8Array;
  headers: Headers;
}

/** Reads the whole body of GET `url`; `onProgress(loaded, total|null)`. Throws with the server's message on 4xx/5xx. */
export async function fetchBytes(url: string, onProgress: (loaded: number, total: number | null) => void, signal?: AbortSignal): Promise<FetchedBytes> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(json?.error?.message ?? `download failed (${res.status})`);
  }
  const lenHeader = res.headers.get('content-length');
  const total = lenHeader !== null && /^\d+$/.test(lenHeader) ? Number(lenHeader) : null;
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onProgress(buf.byteLength, total ?? buf.byteLength);
    return { bytes: buf, headers: res.headers };
  }
  const reader = res.body.getReader();
  // Write straight into one buffer when the length is known; otherwise collect chunks and join once.
  let out: Uint8Array | null = total !== null ? new Uint8Array(total) : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (out && loaded + value.byteLength <= out.byteLength) out.set(value, loaded);
    else {
      if (out) {
        // content-length lied (e.g. compressed transfer): fall back to chunks
        chunks.push(out.subarray(0, loaded));
        out = null;
      }
      chunks.push(value);
    }
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  if (out) return { bytes: loaded === out.byteLength ? out : out.subarray(0, loaded), headers: res.headers };
  const joined = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    joined.set(c, off);
    off += c.byteLength;
  }
  return { bytes: joined, headers: res.headers };
}
