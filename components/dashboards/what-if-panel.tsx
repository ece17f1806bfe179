'use client';

import { useEffect, useMemo, useState } from 'react';
import type { InputFieldDTO } from '@/lib/api/dto';
import { plainReasons } from '@/lib/dashboards/reasons';
import { withChanges } from '@/lib/dashboards/records';
import { Scorer, type Score } from '@/lib/serving/scorer';

export interface WhatIfProps {
  record: Record<string, string | number | null>;
  scorer: { runId: string; threshold: number; inputSchema: InputFieldDTO[]; reference: number[] };
  /** the fields offered for change, in order (contract, payment, charges, tenure …) */
  fields: string[];
}

async function artifact(runId: string, kind: 'model' | 'transform'): Promise<unknown> {
  const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/artifacts/${kind}`);
  if (!res.ok) throw new Error(`the ${kind} artifact could not be loaded (${res.status})`);
  return res.json();
}

/**
 * What-if: change a few fields of this customer and see the new probability and reasons, scored here in the
 * browser by lib/serving's Scorer on the same model and transform artifacts (and threshold, schema, reference)
 * the prediction API serves.
 */
export function WhatIfPanel({ record, scorer: cfg, fields }: WhatIfProps) {
  const [scorer, setScorer] = useState<Scorer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    Promise.all([artifact(cfg.runId, 'model'), artifact(cfg.runId, 'transform')])
      .then(([model, transform]) => {
        if (!cancelled) setScorer(new Scorer({ model, transform, threshold: cfg.threshold, inputSchema: cfg.inputSchema, reference: cfg.reference }));
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [cfg]);

  const byName = useMemo(() => new Map(cfg.inputSchema.map((f) => [f.name, f])), [cfg.inputSchema]);
  const editable = fields.map((n) => byName.get(n)).filter((f): f is InputFieldDTO => !!f && f.use === 'input');

  const changed = useMemo(() => {
    const c: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(changes)) c[k] = byName.get(k)?.kind === 'numeric' ? (v.trim() === '' ? null : Number(v)) : v;
    return withChanges(record, cfg.inputSchema, c);
  }, [changes, record, cfg.inputSchema, byName]);

  const result = useMemo((): { before: Score; after: Score } | { error: string } | null => {
    if (!scorer) return null;
    try {
      return { before: scorer.score(record), after: scorer.score(changed) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }, [scorer, record, changed]);

  if (editable.length === 0) return <div className="empty">This model has no contract, payment or value fields to change.</div>;
  return (
    <section className="card stack" data-testid="what-if">
      <h2>What if…</h2>
      <p className="muted">Change the fields and the probability is recomputed in your browser with the same model the API serves.</p>
      <div className="row">
        {editable.map((f) => {
          const current = changes[f.name] ?? (record[f.name] === null || record[f.name] === undefined ? '' : String(record[f.name]));
          return (
            <label key={f.name}>
              {f.name}
              {f.kind === 'categorical' && f.levels ? (
                <select name={f.name} value={current} onChange={(e) => setChanges((c) => ({ ...c, [f.name]: e.target.value }))}>
                  {!f.levels.includes(current) && <option value={current}>{current || '(missing)'}</option>}
                  {f.levels.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  name={f.name}
                  type={f.kind === 'numeric' ? 'number' : 'text'}
                  step="any"
                  value={current}
                  onChange={(e) => setChanges((c) => ({ ...c, [f.name]: e.target.value }))}
                  style={{ width: 130 }}
                />
              )}
            </label>
          );
        })}
        <button className="btn" type="button" onClick={() => setChanges({})} style={{ alignSelf: 'flex-end' }}>
          Reset
        </button>
      </div>
      {error && <div className="alert alert-error">{error}</div>}
      {!scorer && !error && <div className="muted">Loading the model…</div>}
      {result && 'error' in result && <div className="alert alert-error">{result.error}</div>}
      {result && !('error' in result) && (
        <div className="stack">
          <div className="row">
            <span>
              Now: <strong data-testid="whatif-before">{result.before.probability.toFixed(3)}</strong>
            </span>
            <span>→</span>
            <span>
              What-if:{' '}
              <strong data-testid="whatif-probability" data-probability={String(result.after.probability)} data-record={JSON.stringify(changed)}>
                {result.after.probability.toFixed(3)}
              </strong>{' '}
              {result.after.label === 1 ? <span className="badge badge-failed">high risk</span> : <span className="badge badge-passed">below threshold</span>}
            </span>
            <span className="muted">
              ({result.after.probability >= result.before.probability ? '+' : ''}
              {((result.after.probability - result.before.probability) * 100).toFixed(1)} points)
            </span>
          </div>
          <ul data-testid="whatif-reasons">
            {plainReasons(result.after.reasons).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
