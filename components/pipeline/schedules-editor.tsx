'use client';

import { useEffect, useMemo, useState } from 'react';
import { nextRuns, parseCron, SCHEDULES } from '@/lib/pipeline/schedules';
import type { ScheduleDTO } from '@/lib/pipeline/settings';
import { apiFetch } from '@/components/ui/api-fetch';

const utc = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** Next 3 fire times of an expression, or the parser's message (names the field) — checked as you type. */
function preview(cron: string, now: Date): { ok: true; runs: Date[] } | { ok: false; error: string } {
  try {
    return { ok: true, runs: nextRuns(parseCron(cron), now, 3) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * The project's three schedules (daily ingest, weekly retrain, nightly scoring): a cron expression (UTC) checked
 * as you type with its next three fire times, an enable toggle and Save; above them, what runs in the next 24
 * hours. `initialSchedules`: GET /api/projects/{slug}/schedules's `schedules`. Read-only unless `canEdit`.
 */
export function SchedulesEditor({ projectSlug, canEdit, initialSchedules }: { projectSlug: string; canEdit: boolean; initialSchedules: ScheduleDTO[] }) {
  const [saved, setSaved] = useState<ScheduleDTO[]>(initialSchedules);
  // Set after hydration: the server's clock and the browser's would render different fire times.
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => setNow(new Date()), []);
  const tonight = useMemo(() => {
    if (!now) return [];
    const until = now.getTime() + 24 * 3_600_000;
    return saved
      .filter((s) => s.enabled)
      .flatMap((s) => {
        const p = preview(s.cron, now);
        return p.ok ? p.runs.filter((d) => d.getTime() <= until).map((d) => ({ at: d, s })) : [];
      })
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }, [saved, now]);

  return (
    <section className="card stack" aria-labelledby="schedules-heading" data-testid="schedules-editor">
      <h3 id="schedules-heading" style={{ margin: 0 }}>Schedules</h3>
      <p className="muted" style={{ margin: 0 }}>
        Cron expressions in UTC (minute hour day-of-month month day-of-week). The worker runs enabled schedules itself;
        on Vercel or Kubernetes the platform&apos;s scheduler calls the same jobs.
      </p>
      <div data-testid="schedules-upcoming">
        <strong>Next 24 hours: </strong>
        {tonight.length === 0 ? (
          <span className="muted">nothing scheduled.</span>
        ) : (
          <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.25rem' }}>
            {tonight.map(({ at, s }) => (
              <li key={`${s.kind}-${at.toISOString()}`}>
                {utc(at)} — {s.title} (<code>{s.job}</code>)
              </li>
            ))}
          </ul>
        )}
      </div>
      {saved.map((s) => (
        <ScheduleRow key={s.kind} projectSlug={projectSlug} canEdit={canEdit} schedule={s} now={now} onSaved={(next) => setSaved((all) => all.map((x) => (x.kind === next.kind ? next : x)))} />
      ))}
    </section>
  );
}

function ScheduleRow({ projectSlug, canEdit, schedule, now, onSaved }: { projectSlug: string; canEdit: boolean; schedule: ScheduleDTO; now: Date | null; onSaved: (s: ScheduleDTO) => void }) {
  const [cron, setCron] = useState(schedule.cron);
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const p = useMemo(() => preview(cron, now ?? new Date(schedule.updatedAt)), [cron, now, schedule.updatedAt]);
  const dirty = cron.trim().replace(/\s+/g, ' ') !== schedule.cron || enabled !== schedule.enabled;
  const id = `schedule-${schedule.kind}`;

  async function save() {
    setSaving(true);
    setError(null);
    setMessage(null);
    const res = await apiFetch<{ schedule: ScheduleDTO }>(`/api/projects/${encodeURIComponent(projectSlug)}/schedules`, { method: 'PUT', body: { kind: schedule.kind, cron, enabled } });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setCron(res.data.schedule.cron);
    setMessage('Saved.');
    onSaved(res.data.schedule);
  }

  return (
    <fieldset className="stack" data-testid={id} style={{ border: '1px solid var(--border, #ddd)', borderRadius: 6, padding: '0.75rem' }}>
      <legend>
        <strong>{schedule.title}</strong> <span className="muted">→ {schedule.job}</span>
      </legend>
      <span className="muted">{SCHEDULES[schedule.kind].summary}</span>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label>
          Cron (UTC)
          <input
            data-testid={`${id}-cron`}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
            disabled={!canEdit}
            aria-invalid={!p.ok}
            aria-describedby={`${id}-preview`}
            spellCheck={false}
            style={{ fontFamily: 'monospace', width: 180 }}
          />
        </label>
        <label className="row" style={{ alignItems: 'center', gap: 6 }}>
          <input type="checkbox" data-testid={`${id}-enabled`} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} disabled={!canEdit} />
          Enabled
        </label>
        {canEdit && (
          <button type="button" className="btn btn-primary" data-testid={`${id}-save`} onClick={save} disabled={saving || !p.ok || !dirty}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        )}
        {cron !== schedule.defaultCron && canEdit && (
          <button type="button" className="btn" onClick={() => setCron(schedule.defaultCron)} title={`Default: ${schedule.defaultCron}`}>
            Default
          </button>
        )}
      </div>
      <div id={`${id}-preview`} data-testid={`${id}-preview`}>
        {!now ? (
          <span className="muted">&nbsp;</span>
        ) : p.ok ? (
          <span className="muted">Next: {p.runs.map(utc).join(' · ')}{enabled ? '' : ' (when enabled)'}</span>
        ) : (
          <span className="alert alert-error" role="alert" style={{ display: 'inline-block' }}>{p.error}</span>
        )}
      </div>
      {schedule.lastRunAt && (
        <span className="muted">
          Last fired {utc(new Date(schedule.lastRunAt))}
          {schedule.lastJobId ? ` (job ${schedule.lastJobId.slice(0, 8)})` : ''}
        </span>
      )}
      {error && <div className="alert alert-error" role="alert" data-testid={`${id}-error`}>{error}</div>}
      {message && <div className="alert alert-ok">{message}</div>}
    </fieldset>
  );
}
