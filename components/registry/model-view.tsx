'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import type { ModelDetailDTO } from '@/lib/api/dto';
import { AuditTrail } from './audit-trail';
import { formatTime, MODELS_CHANGED_EVENT, versionHref, type RegistryPermissions } from './format';
import { RequestsTable } from './requests-table';
import { VersionsTable } from './versions-table';

/** The model page: aliases, every version, promotion requests with decisions and the audit trail. */
export function ModelView({ projectSlug, initial, perms }: { projectSlug: string; initial: ModelDetailDTO; perms: RegistryPermissions }) {
  const [detail, setDetail] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const { model, transitions, requests } = detail;
  const name = model.name;

  useEffect(() => setDetail(initial), [initial]);

  const refresh = useCallback(async () => {
    const res = await apiFetch<ModelDetailDTO>(`/api/models/${encodeURIComponent(name)}`);
    if (!res.ok) return setError(res.error);
    setError(null);
    setDetail(res.data);
  }, [name]);

  useEffect(() => {
    const on = () => void refresh();
    window.addEventListener(MODELS_CHANGED_EVENT, on);
    return () => window.removeEventListener(MODELS_CHANGED_EVENT, on);
  }, [refresh]);

  const onChanged = useCallback((d?: ModelDetailDTO) => {
    if (d) setDetail(d);
  }, []);

  const open = requests.filter((r) => r.status === 'open');
  const closed = requests.filter((r) => r.status !== 'open');

  return (
    <div className="stack" data-testid="model-view" data-model={name}>
      <div className="page-head">
        <div>
          <p className="muted" style={{ margin: 0 }}><Link href={`/projects/${encodeURIComponent(projectSlug)}#cell-registry`}>← project registry</Link></p>
          <h1 data-testid="model-name" style={{ margin: '4px 0' }}>{name}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {model.description || 'A registered churn model.'} · {model.versions.length} version{model.versions.length === 1 ? '' : 's'} · created {formatTime(model.createdAt)}
          </p>
        </div>
        <div className="row">
          {(['champion', 'challenger'] as const).map((alias) => {
            const a = model[alias];
            return a ? (
              <Link key={alias} href={versionHref(projectSlug, name, a.version)} className={alias === 'champion' ? 'badge badge-passed' : 'badge badge-running'} data-testid={`model-${alias}`} data-version={a.version}>
                {alias} v{a.version}
              </Link>
            ) : (
              <span key={alias} className="badge" data-testid={`model-${alias}`} data-version="">no {alias}</span>
            );
          })}
        </div>
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <p className="muted" style={{ margin: 0 }}>
        The prediction API serves the <strong>champion</strong> (and the <strong>challenger</strong> with <code>?alias=challenger</code>). Only an approver moves an alias, with a written reason; every move is in the audit trail below.
      </p>

      <section className="card stack" aria-label="Versions">
        <h2 style={{ margin: 0 }}>Versions</h2>
        <VersionsTable projectSlug={projectSlug} model={model} perms={perms} onChanged={onChanged} />
      </section>

      <section className="card stack" aria-label="Promotion requests" data-testid="model-requests">
        <h2 style={{ margin: 0 }}>Promotion requests</h2>
        <RequestsTable requests={[...open, ...closed]} perms={perms} onChanged={onChanged} />
      </section>

      <section className="card stack" aria-label="Audit trail">
        <h2 style={{ margin: 0 }}>Audit trail</h2>
        <AuditTrail transitions={transitions} />
      </section>
    </div>
  );
}
