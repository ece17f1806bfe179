'use client';

import { useState, type FormEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { API_SCOPES } from '@/lib/auth/roles';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
}

export function ApiKeysPanel({ initial }: { initial: KeyRow[] }) {
  const [keys, setKeys] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    const res = await apiFetch<{ key: string; apiKey: KeyRow }>('/api/keys', {
      method: 'POST',
      body: { name: f.get('name'), scopes: f.getAll('scopes') },
    });
    if (!res.ok) return setError(res.error);
    setSecret(res.data.key);
    setKeys((ks) => [res.data.apiKey, ...ks]);
    (e.target as HTMLFormElement).reset();
  }

  async function revoke(id: string) {
    const res = await apiFetch<KeyRow>(`/api/keys/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(res.error);
    setKeys((ks) => ks.map((k) => (k.id === id ? res.data : k)));
  }

  return (
    <div className="stack">
      <div className="card" style={{ maxWidth: 560 }}>
        <h2>Create a key</h2>
        <form className="form" onSubmit={create}>
          <label>Name<input name="name" required maxLength={80} placeholder="e.g. CRM integration" /></label>
          <fieldset className="row" style={{ border: 0, padding: 0 }}>
            <legend className="muted" style={{ fontSize: 13 }}>Scopes</legend>
            {API_SCOPES.map((s) => (
              <label key={s} style={{ flexDirection: 'row', alignItems: 'center' }}>
                <input type="checkbox" name="scopes" value={s} defaultChecked={s === 'predict'} /> {s}
              </label>
            ))}
          </fieldset>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
          <div><button className="btn btn-primary">Create key</button></div>
        </form>
        {secret && (
          <div className="stack" style={{ marginTop: 12 }}>
            <div className="alert alert-info">Copy this key now. It will not be shown again.</div>
            <div className="secret" data-testid="new-key">{secret}</div>
          </div>
        )}
      </div>
      <table className="table" data-testid="keys-table">
        <thead><tr><th>Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td><code>{k.prefix}…</code></td>
              <td>{k.scopes.join(', ')}</td>
              <td className="muted">{k.createdAt.slice(0, 10)} {k.createdBy && `· ${k.createdBy}`}</td>
              <td className="muted">{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>{k.revokedAt ? <span className="badge badge-failed">revoked</span> : <span className="badge badge-passed">active</span>}</td>
              <td>{!k.revokedAt && <button className="btn btn-danger" onClick={() => revoke(k.id)}>Revoke</button>}</td>
            </tr>
          ))}
          {keys.length === 0 && <tr><td colSpan={7} className="muted">No keys yet.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
