'use client';

import { ProgressBar } from './progress-bar';
import { isJobFinished, jobBadgeClass, type JobDTO } from './types';

/** Live view of one job: status badge, progress bar, message, error, and Cancel while it is unfinished. */
export function JobProgress({ job, onCancel, cancelling, pollError }: { job: JobDTO; onCancel?: () => void; cancelling?: boolean; pollError?: string | null }) {
  const finished = isJobFinished(job.status);
  return (
    <div className="stack" style={{ gap: 6 }} data-testid="job-progress" data-job-id={job.id}>
      <div className="row">
        <span className={jobBadgeClass(job.status)} data-testid="job-status" data-status={job.status}>{job.status}</span>
        <span className="muted">{job.type}{job.attempts > 1 ? ` · attempt ${job.attempts}` : ''}</span>
        {!finished && onCancel && (
          <button type="button" className="btn btn-danger" data-testid="job-cancel" disabled={cancelling} onClick={onCancel}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {!finished && <ProgressBar value={job.status === 'queued' ? null : job.progress} label={job.message || job.status} testId="job-progress-bar" />}
      {finished && job.message && <p className="muted">{job.message}</p>}
      {job.error && <div className="alert alert-error" role="alert" data-testid="job-error">{job.error}</div>}
      {pollError && <div className="alert alert-info">Lost contact with the server: {pollError}. Retrying…</div>}
    </div>
  );
}
