/** fetch for the app's own JSON API: returns the data, or the server's error message (never throws). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) return { ok: false, status: res.status, error: json?.error?.message ?? `request failed (${res.status})` };
    return { ok: true, data: json as T };
  } catch (e) {
    return { ok: false, status: 0, error: `network error: ${(e as Error).message}` };
  }
}
