'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';

export function CreateProjectForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const res = await apiFetch<{ slug: string }>('/api/projects', {
      method: 'POST',
      body: { name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') },
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    router.push(`/projects/${res.data.slug}`);
  }

  return (
    <form className="form" onSubmit={onSubmit}>
      <label>
        Name
        <input name="name" required maxLength={120} placeholder="e.g. Q3 churn" />
      </label>
      <label>
        Description
        <textarea name="description" rows={2} maxLength={2000} />
      </label>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div>
        <button className="btn btn-primary" disabled={busy}>Create project</button>
      </div>
    </form>
  );
}
