'use client';

import { useCallback, useEffect, useState } from 'react';
import type { JobDTO } from '@/lib/api/dto';
import type { PipelineRunDTO } from '@/lib/pipeline/settings';
import { STAGES, STAGE_STATUS_LABEL } from '@/lib/pipeline/stages';
import { apiFetch } from '@/components/ui/api-fetch';

const POLL_MS = 1500;
const TITLE: Record<string, string> = Object.fromEntries(STAGES.map((s) => [s.id, s.title]));
const TRIGGER: Record<PipelineRunDTO['trigger'], string> = { notebook: 'Run all', cli: 'command line', schedule: 'schedule', cron: 'cron' };

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');

/**
 * "Run all": queues the whole pipeline (data → validate → features → train → evaluate → registry) and follows the
 * latest pipeline run live, stage by stage; a failure shows its stage and reason, a success the new version and
 * what the retrain gate decided. `initialRuns`: GET /api/projects/{slug}/pipeline's `runs` (newest first).
 */
export function RunAll({ projectSlug, canRun, initialRuns }: { projectSlug: string; canRun: boolean; initialRuns: PipelineRunDTO[] }) {
  const [latest, setLatest] = useState<PipelineRunDTO | null>(initialRuns[0] ?? null);
  const [pendingJob, setPendingJob] = useState<JobDTO | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const base = `/api/projects/${encodeURIComponent(projectSlug)}/pipeline`;

  const waiting = pendingJob !== null && latest?.jobId !== pendingJob.id;
  const active = waiting || latest?.status === 'running';

  const refresh = useCallback(async () => {
    const res = await apiFetch<{ runs: PipelineRunDTO[] }>(`${base}?limit=1`);
    if (!res.ok) return setError(res.error);
    setError(null);
    const run = res.data.runs[0] ?? null;
    setLatest(run);
    if (pendingJob && run?.jobId !== pendingJob.id) {
      // No run record yet: the job is waiting for a worker, or failed before its first stage.
      const job = await apiFetch<JobDTO>(`/api/jobs/${encodeURIComponent(pendingJob.id)}`);
      if (job.ok) {
        setPendingJob(job.data);
        if (job.data.status === 'failed' || job.data.status === 'cancelled') {
          setError(`the pipeline job ${job.data.status}${job.data.error ? `: ${job.data.error}` : ''}`);
          setPendingJob(null);
        }
      }
    } else if (pendingJob && run && run.status !== 'running') {
      setPendingJob(null);
    }
  }, [base, pendingJob]);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, refresh]);

  async function start() {
    setError(null);
    setStarting(true);
    const res = await apiFetch<JobDTO>(base, { method: 'POST', body: {} });
    setStarting(false);
    if (!res.ok) return setError(res.error);
    setPendingJob(res.data);
  }

  return (
    <section className="card stack" aria-labelledby="run-all-heading" data-testid="run-all">
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <h3 id="run-all-heading" style={{ margin: 0 }}>Pipeline</h3>
        {canRun && (
          <button type="button" className="btn btn-primary" data-testid="run-all-start" onClick={start} disabled={starting || active}>
            {starting ? 'Starting…' : active ? 'Running…' : 'Run all'}
          </button>
        )}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Data → validate → features → train → evaluate → registry, the same run the CLI and the schedules start. A failed
        error-level expectation stops it before training; the new version becomes champion only through the retrain gate.
      </p>
      {error && <div className="alert alert-error" role="alert" data-testid="run-all-error">{error}</div>}
      {waiting && (
        <div className="alert alert-info" data-testid="run-all-queued">
          Queued (job {pendingJob!.id.slice(0, 8)}): waiting for a worker…
        </div>
      )}
      {!latest && !waiting && <div className="empty">No pipeline run yet.</div>}
      {latest && !waiting && <PipelineRunView run={latest} />}
    </section>
  );
}

/** One pipeline run: its stages with status and summary, then the failure or the outcome. */
export function PipelineRunView({ run }: { run: PipelineRunDTO }) {
  const statusClass = run.status === 'succeeded' ? 'badge badge-passed' : run.status === 'failed' ? 'badge badge-failed' : 'badge badge-running';
  return (
    <div className="stack" data-testid="pipeline-run" data-status={run.status}>
      <div className="row" style={{ alignItems: 'center' }}>
        <span className={statusClass} data-testid="pipeline-run-status">{run.status}</span>
        <span className="muted">
          {TRIGGER[run.trigger] ?? run.trigger} · started {when(run.createdAt)}
          {run.createdBy ? ` by ${run.createdBy}` : ''}
          {run.finishedAt ? ` · finished ${when(run.finishedAt)}` : ''}
        </span>
      </div>
      <table className="table" aria-label="Pipeline stages">
        <tbody>
          {run.stages.map((s) => (
            <tr key={s.id} data-testid={`pipeline-stage-${s.id}`} data-status={s.status}>
              <td style={{ whiteSpace: 'nowrap' }}>{TITLE[s.id] ?? s.id}</td>
              <td>
                <span className={`badge badge-${s.status}`}>{STAGE_STATUS_LABEL[s.status]}</span>
              </td>
              <td>{s.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.status === 'failed' && (
        <div className="alert alert-error" role="alert" data-testid="pipeline-run-failure">
          <strong>Stopped at {TITLE[run.failedStage ?? ''] ?? run.failedStage ?? 'an unknown stage'}:</strong> {run.error?.replace(/^[a-z]+: /, '')}
        </div>
      )}
      {run.status === 'succeeded' && run.result.gate && (
        <div className={`alert ${run.result.promoted ? 'alert-ok' : 'alert-info'}`} data-testid="pipeline-run-outcome">
          <strong>
            {run.result.modelName} v{run.result.version} is the {run.result.gate.alias}.
          </strong>{' '}
          {run.result.gate.reason}
        </div>
      )}
    </div>
  );
}
