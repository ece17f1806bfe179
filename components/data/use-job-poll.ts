'use client';

import { useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/components/ui/api-fetch';
import { isJobFinished, type JobDTO } from './types';

/**
 * Polls GET /api/jobs/{id} every `intervalMs` while the job is unfinished; calls `onFinished` once when it ends.
 * Keeps polling through transient errors (shown via `pollError`).
 */
export function useJobPoll(initial: JobDTO | null, onFinished: (job: JobDTO) => void, intervalMs = 1000) {
  const [job, setJob] = useState<JobDTO | null>(initial);
  const [pollError, setPollError] = useState<string | null>(null);
  const finishedRef = useRef(onFinished);
  useEffect(() => {
    finishedRef.current = onFinished;
  }, [onFinished]);

  const jobId = job?.id ?? null;
  const done = job ? isJobFinished(job.status) : true;
  useEffect(() => {
    if (!jobId || done) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const res = await apiFetch<JobDTO>(`/api/jobs/${encodeURIComponent(jobId)}`);
      if (stopped) return;
      if (res.ok) {
        setPollError(null);
        setJob(res.data);
        if (isJobFinished(res.data.status)) {
          finishedRef.current(res.data);
          return;
        }
      } else {
        setPollError(res.error);
      }
      timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId, done, intervalMs]);

  return { job, setJob, pollError };
}
