'use client';

import type { NotebookConflict, NotebookState, NotebookVersionMeta, SaveNotebookResult } from '@/lib/notebook/api';
import type { NotebookDoc } from '@/lib/notebook/doc';

/** A JSON call's outcome with the server's error details kept (the 409 body names the newer version). */
export type CallResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; details: Record<string, unknown> };

async function call<T>(url: string, method: string, body?: unknown, keepalive = false): Promise<CallResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      keepalive,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as ({ error?: { message?: string } & Record<string, unknown> } & T) | null;
    if (!res.ok) return { ok: false, status: res.status, error: json?.error?.message ?? `request failed (${res.status})`, details: json?.error ?? {} };
    return { ok: true, data: json as T };
  } catch (e) {
    return { ok: false, status: 0, error: `network error: ${(e as Error).message}`, details: {} };
  }
}

/** The notebook API of one project (app/api/projects/[slug]/notebook/**). */
export function notebookApi(projectSlug: string) {
  const base = `/api/projects/${encodeURIComponent(projectSlug)}/notebook`;
  return {
    get: () => call<NotebookState>(base, 'GET'),
    save: (doc: NotebookDoc, baseVersion: number | null, opts: { kind?: 'autosave' | 'named'; label?: string; keepalive?: boolean } = {}) =>
      call<SaveNotebookResult>(base, 'PUT', { doc, baseVersion, kind: opts.kind ?? 'autosave', ...(opts.label ? { label: opts.label } : {}) }, opts.keepalive),
    versions: () => call<{ versions: NotebookVersionMeta[] }>(`${base}/versions`, 'GET'),
    version: (v: number) => call<{ doc: NotebookDoc; meta: NotebookVersionMeta }>(`${base}/versions/${v}`, 'GET'),
    restore: (v: number) => call<SaveNotebookResult>(`${base}/versions/${v}/restore`, 'POST'),
    label: (v: number, label: string | null) => call<{ meta: NotebookVersionMeta }>(`${base}/versions/${v}`, 'PATCH', { label }),
  };
}

export type { NotebookConflict };
