'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ProgressBar } from '@/components/data/progress-bar';
import { isJobFinished, jobBadgeClass, type JobDTO, type SnapshotDTO } from '@/components/data/types';
import { VegaChart } from '@/components/data/vega-chart';
import { apiFetch } from '@/components/ui/api-fetch';
import { lossSpec } from '@/lib/ml/charts/run-specs';
import { readLoss, type LossPoint } from '@/lib/ml/charts/run-view';
import { FAMILIES, fieldsFor, initialTexts, parseTexts, type Family } from '@/lib/ml/charts/train-params';
import { QuickModelPanel } from './quick-model/quick-model-panel';
import { useJobEvents } from './use-job-events';

export interface TrainCellProps {
  projectSlug: string;
  /** scientist and above: may start and cancel training. */
  canEdit: boolean;
  /** Snapshots with a target column, newest first. */
  snapshots: SnapshotDTO[];
  /** The seed's GBDT params (SEED_GBDT_PARAMS) pre-filled in the form. */
  defaultParams: Record<string, unknown>;
  /** An unfinished `train` job of this project, to resume following after a reload. */
  activeJob: JobDTO | null;
}

/** Fired on `window` when a training job succeeds, so the Evaluate cell can refresh its runs table. */
export const RUNS_CHANGED_EVENT = 'churnlab:runs-changed';

function runIdOf(job: JobDTO | null): string | null {
  const r = job?.result as { runId?: unknown } | null | undefined;
  return typeof r?.runId === 'string' ? r.runId : null;
}

/** The notebook's Train cell: snapshot, model family and params → a training job followed live (progress + loss). */
export function TrainCell({ projectSlug, canEdit, snapshots, defaultParams, activeJob }: TrainCellProps) {
  const router = useRouter();
  const [chosenSnapshot, setSnapshotId] = useState(snapshots[0]?.id ?? '');
  // The list comes from the server and grows after an upload or ingest (router.refresh): keep a valid choice.
  const snapshotId = snapshots.some((s) => s.id === chosenSnapshot) ? chosenSnapshot : (snapshots[0]?.id ?? '');
  const [family, setFamily] = useState<Family>('gbdt');
  const [texts, setTexts] = useState<Record<string, string>>(() => initialTexts('gbdt', defaultParams));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // The last loss curve seen: a finished job may no longer carry its live detail.
  const [lastLoss, setLastLoss] = useState<LossPoint[]>(() => readLoss(activeJob?.detail));

  const onFinished = useCallback(
    (j: JobDTO) => {
      setCancelling(false);
      if (j.status === 'succeeded') {
        window.dispatchEvent(new CustomEvent(RUNS_CHANGED_EVENT, { detail: { runId: runIdOf(j) } }));
        router.refresh();
      }
    },
    [router],
  );
  const { job, setJob, streamError } = useJobEvents(activeJob, onFinished);
  const running = job !== null && !isJobFinished(job.status);

  const liveLoss = useMemo(() => readLoss(job?.detail), [job?.detail]);
  useEffect(() => {
    if (liveLoss.length) setLastLoss(liveLoss);
  }, [liveLoss]);
  const loss = liveLoss.length ? liveLoss : lastLoss;
  const spec = useMemo(() => (loss.length ? lossSpec(loss) : null), [loss]);

  function chooseFamily(f: Family) {
    setFamily(f);
    setTexts(initialTexts(f, f === 'gbdt' ? defaultParams : {}));
  }

  // The quick model's "Train on the server": same family and snapshot preselected here, form brought into view.
  const formRef = useRef<HTMLFormElement>(null);
  function trainOnServer(f: Family, fromSnapshot: string) {
    chooseFamily(f);
    setSnapshotId(fromSnapshot);
    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  async function start(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = parseTexts(family, texts);
    if (!parsed.ok) return setError(parsed.error);
    setStarting(true);
    const res = await apiFetch<JobDTO>(`/api/projects/${encodeURIComponent(projectSlug)}/runs`, {
      method: 'POST',
      body: { snapshotId, family, params: parsed.params, ...(name.trim() ? { name: name.trim() } : {}) },
    });
    setStarting(false);
    if (!res.ok) return setError(res.error);
    setLastLoss([]);
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

  const runId = runIdOf(job);
  const progress = job ? (job.status === 'succeeded' ? 1 : job.status === 'queued' ? 0 : job.progress) : null;

  return (
    <div className="stack" data-testid="train-cell">
      {snapshots.length === 0 ? (
        <div className="empty">No snapshot with a target column yet: upload one choosing the churn column.</div>
      ) : (
        <form className="stack" onSubmit={start} ref={formRef}>
          <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <label>
              Snapshot
              <select data-testid="train-snapshot" value={snapshotId} onChange={(e) => setSnapshotId(e.target.value)} disabled={!canEdit}>
                {snapshots.map((s) => (
                  <option key={s.id} value={s.id}>{s.name} ({s.rowCount.toLocaleString('en-US')} rows, target {s.targetColumn})</option>
                ))}
              </select>
            </label>
            <label>
              Model
              <select data-testid="train-family" value={family} onChange={(e) => chooseFamily(e.target.value as Family)} disabled={!canEdit}>
                {FAMILIES.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
              </select>
            </label>
            <label>
              Run name
              <input data-testid="train-name" value={name} maxLength={120} placeholder={`${family} #…`} onChange={(e) => setName(e.target.value)} disabled={!canEdit} />
            </label>
          </div>
          <fieldset className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end', border: '1px solid var(--line)', borderRadius: 6, padding: 10 }} disabled={!canEdit}>
            <legend className="muted" style={{ fontSize: 12 }}>Parameters</legend>
            {fieldsFor(family).map((f) => (
              <label key={`${family}-${f.key}`} title={f.help}>
                <code style={{ fontSize: 12 }}>{f.label}</code>
                {f.kind === 'choice' ? (
                  <select data-testid={`param-${f.key}`} value={texts[f.key] ?? ''} onChange={(e) => setTexts((t) => ({ ...t, [f.key]: e.target.value }))}>
                    {f.choices!.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                ) : (
                  <input
                    data-testid={`param-${f.key}`}
                    value={texts[f.key] ?? ''}
                    inputMode={f.kind === 'intList' ? 'text' : 'decimal'}
                    placeholder={f.help}
                    style={{ width: f.kind === 'intList' ? 120 : 90 }}
                    onChange={(e) => setTexts((t) => ({ ...t, [f.key]: e.target.value }))}
                  />
                )}
              </label>
            ))}
          </fieldset>
          {canEdit ? (
            <div className="row">
              <button type="submit" className="btn btn-primary" data-testid="train-start" disabled={starting || running || !snapshotId}>
                {starting ? 'Starting…' : running ? 'Training…' : 'Start training'}
              </button>
            </div>
          ) : (
            <p className="muted">Viewers can follow training; starting it needs the scientist role.</p>
          )}
        </form>
      )}
      {error && <div className="alert alert-error" role="alert" data-testid="train-error">{error}</div>}
      {job && (
        <div className="stack" style={{ gap: 6 }} data-job-id={job.id}>
          <div className="row">
            <span className={jobBadgeClass(job.status)} data-testid="train-status" data-status={job.status}>{job.status}</span>
            {job.attempts > 1 && <span className="muted">attempt {job.attempts}</span>}
            {running && canEdit && (
              <button type="button" className="btn btn-danger" data-testid="train-cancel" disabled={cancelling} onClick={cancel}>
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
            {runId && (
              <Link href={`/projects/${encodeURIComponent(projectSlug)}/runs/${encodeURIComponent(runId)}`} data-testid="train-run-link">Open the run →</Link>
            )}
          </div>
          <ProgressBar value={progress} label={job.message || job.status} testId="train-progress" />
          {job.error && !error && <div className="alert alert-error" role="alert" data-testid="train-error">{job.error}</div>}
          {streamError && running && <div className="alert alert-info">{streamError}</div>}
        </div>
      )}
      {spec && (
        <div data-testid="loss-chart" data-points={loss.length}>
          <VegaChart spec={spec} label="Training loss by iteration" />
        </div>
      )}
      {snapshots.length > 0 && <QuickModelPanel projectSlug={projectSlug} snapshots={snapshots} onTrainOnServer={canEdit ? trainOnServer : undefined} />}
    </div>
  );
}
