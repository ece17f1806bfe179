'use client';

import { useState } from 'react';
import type { SettingChange } from '@/lib/notebook/pipeline-diff';
import { formatChanges, scheduleEffect } from '@/lib/notebook/pipeline-diff';
import { PIPELINE_FAMILIES, type PipelineSettings, type ScheduleDTO } from '@/lib/pipeline/settings';
import styles from './notebook.module.css';

const when = (iso: string) => new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * "What runs on schedule": each enabled schedule, its next run and what it will do with the pipeline settings
 * of the saved notebook version; after a save that changed them, "Changed in vN: …". Below, the pipeline
 * settings editor: its changes are notebook edits, autosaved like any other (and so change what runs tonight).
 */
export function PipelinePanel({
  schedules,
  saved,
  lastChange,
  draft,
  canEdit,
  specVersions,
  sources,
  formKey,
  onChange,
}: {
  schedules: ScheduleDTO[];
  saved: { version: number | null; pipeline: PipelineSettings };
  lastChange: { version: number; changes: SettingChange[] } | null;
  draft: PipelineSettings;
  canEdit: boolean;
  specVersions: { id: string; version: number }[];
  sources: { id: string; name: string }[];
  /** changes when the document is replaced (a restore), so the form drops its local text */
  formKey: number;
  onChange(next: PipelineSettings): void;
}) {
  const enabled = schedules.filter((s) => s.enabled);
  return (
    <section className={styles.panel} aria-label="What runs on schedule" data-testid="schedule-summary">
      <strong>What runs on schedule</strong>
      {enabled.length === 0 ? (
        <div className="muted">No schedule is enabled (turn one on under Serve &amp; Score). Run all uses the same settings.</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {enabled.map((s) => (
            <li key={s.kind} data-testid={`schedule-${s.kind}`}>
              <strong>{s.title}</strong> <code>{s.cron}</code>
              {s.nextRuns[0] ? <> · next {when(s.nextRuns[0])}</> : null}: {scheduleEffect(s.job, saved.pipeline)}{' '}
              <span className="muted">(from {saved.version ? `saved notebook v${saved.version}` : 'the default settings'})</span>
            </li>
          ))}
        </ul>
      )}
      {lastChange && lastChange.changes.length > 0 && (
        <div className={styles.changed} data-testid="pipeline-changed">
          Changed in v{lastChange.version}: {formatChanges(lastChange.changes)}
        </div>
      )}
      <details>
        <summary>Pipeline settings</summary>
        <PipelineSettingsForm key={formKey} value={draft} canEdit={canEdit} specVersions={specVersions} sources={sources} onChange={onChange} />
      </details>
    </section>
  );
}

function PipelineSettingsForm({
  value: p,
  canEdit,
  specVersions,
  sources,
  onChange,
}: {
  value: PipelineSettings;
  canEdit: boolean;
  specVersions: { id: string; version: number }[];
  sources: { id: string; name: string }[];
  onChange(next: PipelineSettings): void;
}) {
  const [paramsText, setParamsText] = useState(() => JSON.stringify(p.training.params));
  const [paramsError, setParamsError] = useState<string | null>(null);
  const set = <G extends keyof PipelineSettings>(g: G, patch: Partial<PipelineSettings[G]>) => onChange({ ...p, [g]: { ...p[g], ...patch } });
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));
  return (
    <fieldset disabled={!canEdit} className={styles.grid} style={{ border: 0, padding: '8px 0 0', margin: 0 }} data-testid="pipeline-settings">
      <label>
        Window (days)
        <input type="number" min={1} value={p.ingest.windowDays} onChange={(e) => set('ingest', { windowDays: num(e.target.value) })} />
      </label>
      <label>
        Label horizon (days)
        <input type="number" min={1} value={p.ingest.labelHorizonDays} onChange={(e) => set('ingest', { labelHorizonDays: num(e.target.value) })} />
      </label>
      <label>
        Window end (fixed)
        <input type="date" value={p.ingest.endDate ?? ''} onChange={(e) => set('ingest', { endDate: e.target.value || null })} />
      </label>
      <label>
        Customers
        <select value={p.ingest.signupFilter} onChange={(e) => set('ingest', { signupFilter: e.target.value as PipelineSettings['ingest']['signupFilter'] })}>
          <option value="active">active</option>
          <option value="signup_between">signed up in the window</option>
        </select>
      </label>
      <label>
        Source
        <select value={p.ingest.sourceId ?? ''} onChange={(e) => set('ingest', { sourceId: e.target.value || null })}>
          <option value="">first SQL source</option>
          {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label>
        Feature spec
        <select value={p.features.specVersionId ?? ''} onChange={(e) => set('features', { specVersionId: e.target.value || null })}>
          <option value="">latest saved</option>
          {specVersions.map((s) => <option key={s.id} value={s.id}>v{s.version}</option>)}
        </select>
      </label>
      <label>
        Model family
        <select value={p.training.family} onChange={(e) => set('training', { family: e.target.value as PipelineSettings['training']['family'] })}>
          {PIPELINE_FAMILIES.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
      <label>
        Params (JSON)
        <input
          aria-label="Training params (JSON)"
          value={paramsText}
          aria-invalid={paramsError ? true : undefined}
          onChange={(e) => {
            setParamsText(e.target.value);
            try {
              const v = JSON.parse(e.target.value || '{}') as unknown;
              if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('must be a JSON object');
              setParamsError(null);
              set('training', { params: v as Record<string, unknown> });
            } catch (err) {
              setParamsError((err as Error).message);
            }
          }}
        />
        {paramsError && <span className={styles.error}>{paramsError}</span>}
      </label>
      <label>
        Test fraction
        <input type="number" step={0.05} min={0.05} max={0.95} value={p.training.testFraction} onChange={(e) => set('training', { testFraction: num(e.target.value) })} />
      </label>
      <label>
        Seed
        <input type="number" min={0} value={p.training.seed} onChange={(e) => set('training', { seed: num(e.target.value) })} />
      </label>
      <label>
        Model name
        <input value={p.registry.modelName ?? ''} placeholder="project default" onChange={(e) => set('registry', { modelName: e.target.value || null })} />
      </label>
      <label>
        Promote margin (AUC)
        <input type="number" step={0.001} value={p.registry.promoteMargin} onChange={(e) => set('registry', { promoteMargin: num(e.target.value) })} />
      </label>
      <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
        <input type="checkbox" checked={p.registry.autoPromote} onChange={(e) => set('registry', { autoPromote: e.target.checked })} />
        Auto-promote
      </label>
    </fieldset>
  );
}
