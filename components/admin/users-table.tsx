'use client';

import { useState, type FormEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { ROLES, type Role } from '@/lib/auth/roles';

interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  lastLoginAt: string | null;
}

export function UsersTable({ initial, meId }: { initial: UserRow[]; meId: string }) {
  const [users, setUsers] = useState(initial);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function changeRole(id: string, role: Role) {
    const res = await apiFetch<UserRow>(`/api/admin/users/${id}`, { method: 'PATCH', body: { role } });
    if (!res.ok) return setMessage({ kind: 'error', text: res.error });
    setUsers((us) => us.map((u) => (u.id === id ? { ...u, role: res.data.role } : u)));
    setMessage({ kind: 'ok', text: `${res.data.email} is now ${res.data.role}` });
  }

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const res = await apiFetch<UserRow>('/api/admin/users', {
      method: 'POST',
      body: { email: f.get('email'), name: f.get('name') || undefined, password: f.get('password'), role: f.get('role') },
    });
    if (!res.ok) return setMessage({ kind: 'error', text: res.error });
    setUsers((us) => [...us, res.data]);
    setMessage({ kind: 'ok', text: `created ${res.data.email}` });
    (e.target as HTMLFormElement).reset();
  }

  return (
    <div className="stack">
      {message && <div className={`alert alert-${message.kind}`} role="status">{message.text}</div>}
      <table className="table" data-testid="users-table">
        <thead>
          <tr><th>Email</th><th>Name</th><th>Role</th><th>Last sign-in</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.name ?? '—'}</td>
              <td>
                <select aria-label={`Role of ${u.email}`} value={u.role} disabled={u.id === meId} onChange={(e) => changeRole(u.id, e.target.value as Role)}>
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </td>
              <td className="muted">{u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card" style={{ maxWidth: 520 }}>
        <h2>Add a user</h2>
        <form className="form" onSubmit={create}>
          <label>Email<input name="email" type="email" required /></label>
          <label>Name<input name="name" /></label>
          <label>Initial password (10+ characters)<input name="password" type="password" minLength={10} required autoComplete="new-password" /></label>
          <label>Role<select name="role" defaultValue="viewer">{ROLES.map((r) => <option key={r} value={r}>{r}</option>)}</select></label>
          <div><button className="btn btn-primary">Add user</button></div>
        </form>
      </div>
    </div>
  );
}
