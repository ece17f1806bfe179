'use client';

import { useEffect, useRef, useState } from 'react';
import { isJobFinished, type JobDTO } from '@/components/data/types';

/**
 * Follows one job over server-sent events (GET /api/jobs/{id}/events: `data: <JobDTO>` on every change, the
 * current state first, so a reloaded page resumes where it was). EventSource reconnects by itself after a network
 * error; `streamError` says so meanwhile. Calls `onFinished` once when the job ends.
 */
export function useJobEvents(initial: JobDTO | null, onFinished: (job: JobDTO) => void) {
  const [job, setJob] = useState<JobDTO | null>(initial);
  const [streamError, setStreamError] = useState<string | null>(null);
  const finishedCb = useRef(onFinished);
  useEffect(() => {
    finishedCb.current = onFinished;
  }, [finishedCb, onFinished]);

  const jobId = job?.id ?? null;
  const done = job ? isJobFinished(job.status) : true;
  useEffect(() => {
    if (!jobId || done) return;
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    let closed = false;
    source.onmessage = (ev: MessageEvent<string>) => {
      let next: JobDTO;
      try {
        next = JSON.parse(ev.data) as JobDTO;
      } catch {
        return;
      }
      if (next.id !== jobId) return;
      setStreamError(null);
      setJob(next);
      if (isJobFinished(next.status) && !closed) {
        closed = true;
        source.close();
        finishedCb.current(next);
      }
    };
    source.onerror = () => {
      if (!closed) setStreamError('the live connection dropped; reconnecting…');
    };
    return () => {
      closed = true;
      source.close();
    };
  }, [jobId, done, finishedCb]);

  return { job, setJob, streamError };
}
