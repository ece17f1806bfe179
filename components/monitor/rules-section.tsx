'use client';

import { useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import type { AlertRuleDTO } from '@/lib/api/dto';
import { FalseAlarmTable, type FalseAlarmView } from './false-alarm-table';

export interface RulesSectionProps {
  base: string;
  canEdit: boolean;
  rules: AlertRuleDTO[];
  setRules: (f: (r: AlertRuleDTO[]) => AlertRuleDTO[]) => void;
  setError: (e: string | null) => void;
  /** the batch size the false-alarm check resamples at by default (the latest report's current rows) */
  defaultBatch: number;
}

/**
 * The alert rules: list (enable/disable), add (drift with its distance threshold, job failure, validation failure,
 * SLO burn, realized AUC drop; optional Slack-compatible webhook) and, for drift rules, the false-alarm check of
 * the candidate settings before saving.
 */
export function RulesSection({ base, canEdit, rules, setRules, setError, defaultBatch }: RulesSectionProps) {
  const [kind, setKind] = useState('drift');
  const [webhook, setWebhook] = useState('');
  const [on, setOn] = useState('dataset');
  const [batchSize, setBatchSize] = useState(String(defaultBatch));
  const [wass, setWass] = useState('0.1');
  const [check, setCheck] = useState<FalseAlarmView | null>(null);
  const [checking, setChecking] = useState(false);

  const settings = () => (Number(wass) > 0 ? { wassersteinThreshold: Number(wass), jensenShannonThreshold: Math.min(1, Number(wass)) } : {});
  const add = async () => {
    const params = kind === 'drift' ? { on, settings: settings() } : {};
    const res = await apiFetch<AlertRuleDTO>(`${base}/rules`, { method: 'POST', body: { kind, params, webhookUrl: webhook.trim() || null } });
    if (!res.ok) return setError(res.error);
    setRules((r) => [...r, res.data]);
  };
  const toggle = async (r: AlertRuleDTO) => {
    const res = await apiFetch<AlertRuleDTO>(`${base}/rules/${encodeURIComponent(r.id)}`, { method: 'PATCH', body: { enabled: !r.enabled } });
    if (!res.ok) return setError(res.error);
    setRules((xs) => xs.map((x) => (x.id === r.id ? res.data : x)));
  };
  const falseAlarms = async () => {
    setChecking(true);
    const res = await apiFetch<FalseAlarmView>(`${base}/false-alarms`, { method: 'POST', body: { batchSize: Math.max(10, Math.round(Number(batchSize) || 1000)), trials: 50, settings: settings() } });
    setChecking(false);
    if (!res.ok) return setError(res.error);
    setCheck(res.data);
  };

  return (
    <section className="card stack" aria-labelledby="rules-h">
      <h3 id="rules-h">Alert rules</h3>
      {rules.length === 0 && <p className="muted">No rules: nothing raises alerts yet.</p>}
      {rules.length > 0 && (
        <table className="table" aria-label="alert rules">
          <thead>
            <tr>
              <th>kind</th>
              <th>parameters</th>
              <th>webhook</th>
              <th>enabled</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id}>
                <td>{r.kind}</td>
                <td>
                  <code>{JSON.stringify(r.params)}</code>
                </td>
                <td>{r.webhookUrl ? new URL(r.webhookUrl).host : '—'}</td>
                <td>
                  <input type="checkbox" checked={r.enabled} disabled={!canEdit} onChange={() => void toggle(r)} aria-label={`${r.kind} rule enabled`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="stack">
          <div className="row">
            <label>
              kind{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="drift">drift</option>
                <option value="job_failure">job failure</option>
                <option value="validation_failure">validation failure</option>
                <option value="slo_burn">SLO burn rate</option>
                <option value="auc_drop">realized AUC drop</option>
              </select>
            </label>
            {kind === 'drift' && (
              <>
                <label>
                  fires on{' '}
                  <select value={on} onChange={(e) => setOn(e.target.value)}>
                    <option value="dataset">dataset drift (≥ 50 % of features)</option>
                    <option value="any_feature">any feature</option>
                    <option value="prediction">prediction drift</option>
                  </select>
                </label>
                <label>
                  distance threshold <input value={wass} onChange={(e) => setWass(e.target.value)} size={5} inputMode="decimal" />
                </label>
              </>
            )}
            <label>
              Slack-compatible webhook <input value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://hooks.slack.com/…" size={32} />
            </label>
            <button className="btn btn-primary" onClick={() => void add()}>
              Add rule
            </button>
          </div>
          {kind === 'drift' && (
            <div className="row">
              <label>
                batch size <input value={batchSize} onChange={(e) => setBatchSize(e.target.value)} size={7} inputMode="numeric" />
              </label>
              <button className="btn" onClick={() => void falseAlarms()} disabled={checking}>
                {checking ? 'Resampling…' : 'False-alarm check'}
              </button>
              <span className="muted">resamples the training reference at this size 50 times: how often would the rule fire on unchanged data?</span>
            </div>
          )}
          {check && <FalseAlarmTable check={check} />}
        </div>
      )}
    </section>
  );
}
