'use client';

import { useCallback, useState, type FormEvent } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { JobProgress } from './job-progress';
import type { JobDTO, SourceDTO } from './types';
import { useJobPoll } from './use-job-poll';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Starts an ingest job from a registered SQL source and follows it; `onSucceeded` lets the cell refresh its
 * snapshot list. `activeJob` resumes following a job that was already running when the page loaded.
 */
export function IngestPanel({
  projectSlug,
  sources,
  activeJob,
  onSucceeded,
}: {
  projectSlug: string;
  sources: SourceDTO[];
  activeJob: JobDTO | null;
  onSucceeded: (job: JobDTO) => void;
}) {
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? '');
  const [end, setEnd] = useState(today);
  const [days, setDays] = useState(30);
  const [horizonDays, setHorizonDays] = useState(30);
  const [signupFilter, setSignupFilter] = useState<'active' | 'signup_between'>('active');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const onFinished = useCallback(
    (j: JobDTO) => {
      setCancelling(false);
      if (j.status === 'succeeded') onSucceeded(j);
    },
    [onSucceeded],
  );
  const { job, setJob, pollError } = useJobPoll(activeJob, onFinished);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  async function start(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStarting(true);
    const res = await apiFetch<JobDTO>(`/api/projects/${encodeURIComponent(projectSlug)}/ingest`, {
      method: 'POST',
      body: { sourceId, end, days, horizonDays, signupFilter },
    });
    setStarting(false);
    if (!res.ok) return setError(res.error);
    setJob(res.data);
  }

  async function cancel() {
    if (!job) return;
    setCancelling(true);
    const res = await apiFetch<JobDTO>(`/api/jobs/${encodeURIComponent(job.id)}/cancel`, { method: 'POST' });
    if (!res.ok) {
      setCancelling(false);
      return setError(res.error);
    }
    setJob(res.data);
  }

  return (
    <section className="card stack" aria-labelledby="ingest-heading">
      <h3 id="ingest-heading">Ingest from SQL source</h3>
      {sources.length === 0 ? (
        <div className="empty">No SQL sources are registered for this project.</div>
      ) : (
        <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={start}>
          <label>
            Source
            <select data-testid="ingest-source" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>{s.name} ({s.kind}{s.dbSchema ? `, ${s.dbSchema}` : ''})</option>
              ))}
            </select>
          </label>
          <label>
            Window end
            <input type="date" data-testid="ingest-end" required value={end} onChange={(e) => setEnd(e.target.value)} />
          </label>
          <label>
            Window (days)
            <input type="number" data-testid="ingest-days" min={1} max={3650} required value={days} onChange={(e) => setDays(Number(e.target.value))} style={{ width: 90 }} />
          </label>
          <label>
            Churn horizon (days)
            <input type="number" data-testid="ingest-horizon" min={1} max={3650} required value={horizonDays} onChange={(e) => setHorizonDays(Number(e.target.value))} style={{ width: 90 }} />
          </label>
          <label>
            Customers
            <select data-testid="ingest-signup-filter" value={signupFilter} onChange={(e) => setSignupFilter(e.target.value as 'active' | 'signup_between')}>
              <option value="active">active in window</option>
              <option value="signup_between">signed up in window</option>
            </select>
          </label>
          <button type="submit" className="btn btn-primary" data-testid="ingest-start" disabled={starting || running || !sourceId}>
            {starting ? 'Starting…' : 'Start ingest'}
          </button>
        </form>
      )}
      {error && <div className="alert alert-error" role="alert" data-testid="ingest-error">{error}</div>}
      {job && <JobProgress job={job} onCancel={cancel} cancelling={cancelling} pollError={pollError} />}
    </section>
  );
}
