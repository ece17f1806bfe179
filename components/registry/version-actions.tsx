'use client';

import { useState, type FormEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { MODEL_ALIASES, type ModelAliasName, type ModelDetailDTO, type ModelVersionDTO, type PromotionRequestDTO } from '@/lib/api/dto';
import { notifyModelsChanged, type RegistryPermissions } from './format';

type Mode = { kind: 'alias'; alias: ModelAliasName; clear: boolean } | { kind: 'request' } | null;

const MIN_REASON = 3;

/**
 * The per-version registry actions. Approvers move an alias (promote to champion, set or unset the challenger)
 * with a written reason; scientists ask an approver to do it (a promotion request). Viewers see none.
 */
export function VersionActions({
  modelName,
  version,
  perms,
  onChanged,
}: {
  modelName: string;
  version: ModelVersionDTO;
  perms: RegistryPermissions;
  /** Called after a change; with the new model detail when the server returned it. */
  onChanged: (detail?: ModelDetailDTO) => void;
}) {
  const [mode, setMode] = useState<Mode>(null);
  const [alias, setAlias] = useState<ModelAliasName>('champion');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = encodeURIComponent(modelName);

  if (!perms.canRegister && !perms.canPromote) return null;

  function open(next: Mode) {
    setMode(next);
    setReason('');
    setError(null);
    setDone(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!mode) return;
    if (reason.trim().length < MIN_REASON) return setError(`write a reason (at least ${MIN_REASON} characters)`);
    setBusy(true);
    setError(null);
    if (mode.kind === 'alias') {
      const res = await apiFetch<ModelDetailDTO>(`/api/models/${name}/aliases`, {
        method: 'POST',
        body: { alias: mode.alias, version: mode.clear ? null : version.version, reason: reason.trim() },
      });
      setBusy(false);
      if (!res.ok) return setError(res.error);
      setMode(null);
      setDone(mode.clear ? `${mode.alias} unset` : `v${version.version} is now ${mode.alias}`);
      notifyModelsChanged(modelName);
      onChanged(res.data);
    } else {
      const res = await apiFetch<{ request: PromotionRequestDTO }>(`/api/models/${name}/requests`, {
        method: 'POST',
        body: { version: version.version, alias, reason: reason.trim() },
      });
      setBusy(false);
      if (!res.ok) return setError(res.error);
      setMode(null);
      setDone(`asked an approver to make v${version.version} ${alias}`);
      notifyModelsChanged(modelName);
      onChanged();
    }
  }

  const holds = (a: ModelAliasName) => version.aliases.includes(a);
  const title = !mode ? '' : mode.kind === 'request' ? 'Request promotion' : mode.clear ? `Unset ${mode.alias}` : mode.alias === 'champion' ? 'Promote to champion' : 'Set as challenger';

  return (
    <div className="stack" style={{ gap: 6 }} data-testid="version-actions" data-version={version.version}>
      {!mode && (
        <div className="row" style={{ gap: 6 }}>
          {perms.canPromote ? (
            <>
              {!holds('champion') && (
                <button type="button" className="btn" data-testid="promote-champion" onClick={() => open({ kind: 'alias', alias: 'champion', clear: false })}>Promote to champion</button>
              )}
              {!holds('challenger') && !holds('champion') && (
                <button type="button" className="btn" data-testid="promote-challenger" onClick={() => open({ kind: 'alias', alias: 'challenger', clear: false })}>Set as challenger</button>
              )}
              {holds('challenger') && (
                <button type="button" className="btn btn-danger" data-testid="unset-challenger" onClick={() => open({ kind: 'alias', alias: 'challenger', clear: true })}>Unset challenger</button>
              )}
            </>
          ) : (
            !holds('champion') && (
              <button type="button" className="btn" data-testid="request-promotion" onClick={() => open({ kind: 'request' })}>Request promotion</button>
            )
          )}
        </div>
      )}
      {mode && (
        <form className="stack" style={{ gap: 6, minWidth: 260 }} onSubmit={submit} data-testid="promote-form" aria-label={`${title} v${version.version}`}>
          <strong style={{ fontSize: 13 }}>{title} · v{version.version}</strong>
          {mode.kind === 'request' && (
            <label>
              Alias
              <select data-testid="request-alias" value={alias} onChange={(e) => setAlias(e.target.value as ModelAliasName)}>
                {MODEL_ALIASES.filter((a) => !holds(a)).map((a) => <option key={a} value={a}>{a}</option>)}
              </select>
            </label>
          )}
          <label>
            Reason (required, shown in the audit trail)
            <textarea data-testid="promote-reason" value={reason} rows={2} maxLength={2000} aria-required="true" onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="row" style={{ gap: 6 }}>
            <button type="submit" className="btn btn-primary" data-testid="promote-confirm" disabled={busy}>{busy ? 'Saving…' : mode.kind === 'request' ? 'Send request' : 'Confirm'}</button>
            <button type="button" className="btn" onClick={() => open(null)} disabled={busy}>Cancel</button>
          </div>
        </form>
      )}
      {error && <div className="alert alert-error" role="alert" data-testid="promote-error">{error}</div>}
      {done && <div className="alert alert-ok" role="status" data-testid="promote-done">{done}</div>}
    </div>
  );
}
