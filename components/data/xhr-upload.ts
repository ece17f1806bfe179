/** POSTs a file with XMLHttpRequest, because fetch cannot report upload progress. */

export type XhrResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

export interface XhrUpload<T> {
  promise: Promise<XhrResult<T>>;
  abort: () => void;
}

/** Sends `body` raw; `onProgress(loaded, total)` in bytes. The server's `{ error: { message } }` is returned verbatim. */
export function uploadWithProgress<T>(url: string, body: Blob, onProgress: (loaded: number, total: number) => void): XhrUpload<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<XhrResult<T>>((resolve) => {
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size);
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // a non-JSON body (proxy error page) falls through to the generic message
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, data: json as T });
      else {
        const msg = (json as { error?: { message?: string } } | null)?.error?.message;
        resolve({ ok: false, status: xhr.status, error: msg ?? `upload failed (${xhr.status})` });
      }
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, error: 'network error during upload' });
    xhr.onabort = () => resolve({ ok: false, status: 0, error: 'upload cancelled' });
    xhr.send(body);
  });
  return { promise, abort: () => xhr.abort() };
}
