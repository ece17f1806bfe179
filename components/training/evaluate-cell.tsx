'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunSummaryDTO } from '@/lib/api/dto';
import { filterRuns, formatDuration, formatMetric, paramsText, sortRuns, type RunSortKey } from '@/lib/ml/charts/run-view';
import { apiFetch } from '@/components/ui/api-fetch';
import { RUNS_CHANGED_EVENT } from './train-cell';

export interface EvaluateCellProps {
  projectSlug: string;
  /** The project's runs, newest first (listRuns). */
  runs: RunSummaryDTO[];
}

const COLUMNS: { key: RunSortKey; label: string; digits?: number; lowerIsBetter?: boolean }[] = [
  { key: 'rocAuc', label: 'AUC' },
  { key: 'prAuc', label: 'PR AUC' },
  { key: 'f1', label: 'F1' },
  { key: 'logLoss', label: 'Log loss', lowerIsBetter: true },
  { key: 'brier', label: 'Brier', lowerIsBetter: true },
];

export const MAX_COMPARE = 5;

/** The notebook's Evaluate cell: the runs table (sort, filter, select 2–5 to compare). */
export function EvaluateCell({ projectSlug, runs: initialRuns }: EvaluateCellProps) {
  const [runs, setRuns] = useState(initialRuns);
  const [sort, setSort] = useState<{ key: RunSortKey; dir: 'asc' | 'desc' }>({ key: 'createdAt', dir: 'desc' });
  const [family, setFamily] = useState('');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const slug = encodeURIComponent(projectSlug);

  useEffect(() => setRuns(initialRuns), [initialRuns]);

  const refresh = useCallback(async () => {
    setLoading(true);
    const res = await apiFetch<{ runs: RunSummaryDTO[] }>(`/api/projects/${slug}/runs`);
    setLoading(false);
    if (!res.ok) return setError(res.error);
    setError(null);
    setRuns(res.data.runs);
  }, [slug]);

  useEffect(() => {
    const on = () => void refresh();
    window.addEventListener(RUNS_CHANGED_EVENT, on);
    return () => window.removeEventListener(RUNS_CHANGED_EVENT, on);
  }, [refresh]);

  const families = useMemo(() => [...new Set(runs.map((r) => r.family))].sort(), [runs]);
  const shown = useMemo(() => sortRuns(filterRuns(runs, family, text), sort.key, sort.dir), [runs, family, text, sort]);

  function sortBy(key: RunSortKey, lowerIsBetter = false) {
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: lowerIsBetter ? 'asc' : 'desc' }));
  }
  function toggle(id: string) {
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= MAX_COMPARE ? s : [...s, id]));
  }
  const compareOk = selected.length >= 2 && selected.length <= MAX_COMPARE;
  const arrow = (key: RunSortKey) => (sort.key === key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '');
  const header = (key: RunSortKey, label: string, lowerIsBetter?: boolean) => (
    <th key={key} aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" data-testid={`sort-${key}`} onClick={() => sortBy(key, lowerIsBetter)} style={{ background: 'none', border: 0, padding: 0, font: 'inherit', color: 'inherit', cursor: 'pointer', textTransform: 'inherit' }}>
        {label}{arrow(key)}
      </button>
    </th>
  );

  return (
    <div className="stack" data-testid="evaluate-cell">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <label>
          Family
          <select data-testid="runs-family-filter" value={family} onChange={(e) => setFamily(e.target.value)}>
            <option value="">all</option>
            {families.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </label>
        <label>
          Filter name / params
          <input data-testid="runs-text-filter" value={text} placeholder="e.g. learning_rate=0.05" onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="button" className="btn" data-testid="runs-refresh" onClick={refresh} disabled={loading}>{loading ? 'Refreshing…' : 'Refresh'}</button>
        {compareOk ? (
          <Link className="btn btn-primary" data-testid="compare-button" href={`/projects/${slug}/runs/compare?ids=${selected.map(encodeURIComponent).join(',')}`}>
            Compare {selected.length} runs
          </Link>
        ) : (
          <button type="button" className="btn" data-testid="compare-button" disabled>Compare (select 2–{MAX_COMPARE})</button>
        )}
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {runs.length === 0 ? (
        <div className="empty" data-testid="runs-table" data-count={0}>No runs yet: start one in the Train cell.</div>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="runs-table" data-count={shown.length}>
            <thead>
              <tr>
                <th><span className="muted">Compare</span></th>
                {header('name', 'Run')}
                <th>Family</th>
                {COLUMNS.map((c) => header(c.key, c.label, c.lowerIsBetter))}
                {header('durationMs', 'Duration', true)}
                {header('createdAt', 'Created')}
                <th>Params</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-status={r.status}>
                  <td>
                    <input
                      type="checkbox"
                      data-testid="run-select"
                      aria-label={`select ${r.name} to compare`}
                      checked={selected.includes(r.id)}
                      disabled={!selected.includes(r.id) && selected.length >= MAX_COMPARE}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                  <td><Link href={`/projects/${slug}/runs/${encodeURIComponent(r.id)}`} data-testid="run-link">{r.name}</Link></td>
                  <td><span className="badge">{r.family}</span></td>
                  {COLUMNS.map((c) => <td key={c.key} data-metric={c.key} style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMetric(r.metrics[c.key])}</td>)}
                  <td>{formatDuration(r.durationMs)}</td>
                  <td className="muted" title={r.createdAt}>{r.createdAt.slice(0, 16).replace('T', ' ')} UTC</td>
                  <td className="muted" style={{ fontSize: 12, maxWidth: 360 }}>{paramsText(r.params)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <div className="empty">No run matches the filter.</div>}
        </div>
      )}
    </div>
  );
}
