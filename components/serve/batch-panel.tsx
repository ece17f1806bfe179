'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import type { JobDTO, ScoreBatchDTO } from '@/lib/api/dto';

const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(1)} %` : '—');

/**
 * Batch scoring in the Serve & Score cell: score every customer of the newest snapshot with the champion now
 * (the same job the nightly schedule runs), follow its progress, and download each batch as CSV or Parquet.
 */
export function BatchPanel({ projectSlug, canRun, hasChampion }: { projectSlug: string; canRun: boolean; hasChampion: boolean }) {
  const base = `/api/projects/${encodeURIComponent(projectSlug)}/score-batches`;
  const [batches, setBatches] = useState<ScoreBatchDTO[] | null>(null);
  const [job, setJob] = useState<JobDTO | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await apiFetch<{ batches: ScoreBatchDTO[] }>(base);
    if (r.ok) setBatches(r.data.batches);
    else setError(r.error);
  }, [base]);

  useEffect(() => {
    void load();
  }, [load]);

  // Follow the running job until it ends, then reload the list.
  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') return;
    const t = setTimeout(async () => {
      const r = await apiFetch<JobDTO>(`/api/jobs/${encodeURIComponent(job.id)}`);
      if (!r.ok) return setError(r.error);
      setJob(r.data);
      if (r.data.status === 'failed') setError(r.data.error ?? 'batch scoring failed');
      if (r.data.status !== 'queued' && r.data.status !== 'running') void load();
    }, 1000);
    return () => clearTimeout(t);
  }, [job, load]);

  async function start() {
    setError(null);
    const r = await apiFetch<JobDTO>(base, { method: 'POST', body: {} });
    if (!r.ok) return setError(r.error);
    setJob(r.data);
  }

  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  return (
    <section className="stack" style={{ gap: 8 }} aria-label="Batch scoring" data-testid="batch-panel">
      <h3 style={{ margin: 0 }}>Batch scoring</h3>
      <p className="muted" style={{ margin: 0 }}>
        Every customer of the newest snapshot scored with the champion: probability, decile, label and, for the riskiest 10 %, the top reasons. The nightly schedule runs the same job; a rerun for the same day and model version replaces that batch.
      </p>
      {canRun && (
        <div className="row">
          <button type="button" onClick={start} disabled={running || !hasChampion} data-testid="batch-start">
            {running ? 'Scoring…' : 'Score every customer now'}
          </button>
          {!hasChampion && <span className="muted">needs a champion</span>}
          {running && (
            <span className="muted" data-testid="batch-progress">
              {Math.round((job!.progress ?? 0) * 100)} % {job!.message ?? ''}
            </span>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="batch-error">
          {error}
        </p>
      )}
      {batches && batches.length === 0 && <div className="empty">No batch yet.</div>}
      {batches && batches.length > 0 && (
        <table data-testid="batch-table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Model</th>
              <th>Status</th>
              <th style={{ textAlign: 'right' }}>Customers</th>
              <th style={{ textAlign: 'right' }}>Flagged</th>
              <th style={{ textAlign: 'right' }}>Mean risk</th>
              <th>Export</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid="batch-row" data-batch-id={b.id}>
                <td>{b.batchDate}</td>
                <td>
                  {b.modelName} v{b.modelVersion}
                </td>
                <td>{b.status === 'running' ? `running (${b.shardsDone.length}/${b.shards} shards)` : b.status}</td>
                <td style={{ textAlign: 'right' }}>{fmt(b.rowCount)}</td>
                <td style={{ textAlign: 'right' }}>{pct(b.stats.positiveRate)}</td>
                <td style={{ textAlign: 'right' }}>{pct(b.stats.meanProbability)}</td>
                <td>
                  {b.hasExports ? (
                    <>
                      <a href={`/api/score-batches/${b.id}/export?format=csv`} download data-testid="batch-csv">
                        CSV
                      </a>{' '}
                      · <a href={`/api/score-batches/${b.id}/export?format=parquet`} download>Parquet</a>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
