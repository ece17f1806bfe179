/**
 * What changed between two pipeline settings, leaf by leaf (`training.params.max_iter: 100 → 200`), for the
 * notebook's "Changed in vN" line and the audit log; and what each schedule will do with the settings.
 */
import type { PipelineSettings } from '../pipeline/settings';

export interface SettingChange {
  /** dotted path, e.g. `training.params.max_iter` */
  path: string;
  from: unknown;
  to: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Leaf changes from `a` to `b`, sorted by path (objects compared key by key; arrays and scalars as values). */
export function diffSettings(a: unknown, b: unknown, prefix = ''): SettingChange[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffSettings(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  return [{ path: prefix || '(root)', from: a, to: b }];
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v));

/** `training.params.max_iter 100 → 200; registry.autoPromote true → false` */
export function formatChanges(changes: readonly SettingChange[]): string {
  return changes.map((c) => `${c.path} ${show(c.from)} → ${show(c.to)}`).join('; ');
}

/** One line per setting group a schedule job reads: what the scheduled run will do. */
export function scheduleEffect(job: 'ingest' | 'pipeline' | 'batch-score', p: PipelineSettings): string {
  const window = `${p.ingest.windowDays}-day window ${p.ingest.endDate ? `ending ${p.ingest.endDate}` : 'ending on the run date'}, ${p.ingest.signupFilter} customers, source ${p.ingest.sourceId ?? 'the first SQL source'}`;
  if (job === 'ingest') return `ingest a ${window}`;
  if (job === 'batch-score') return 'score every customer of the newest snapshot with the champion';
  const params = Object.keys(p.training.params).length ? JSON.stringify(p.training.params) : 'defaults';
  const spec = p.features.specVersionId ? `spec ${p.features.specVersionId}` : 'the latest feature spec';
  const gate = p.registry.autoPromote ? `auto-promote if ROC AUC ≥ champion ${p.registry.promoteMargin >= 0 ? '+' : ''}${p.registry.promoteMargin}` : 'register as challenger (no auto-promote)';
  return `ingest a ${p.ingest.windowDays}-day window (${p.ingest.labelHorizonDays}-day label horizon), ${spec}, train ${p.training.family} with ${params} (test ${p.training.testFraction}, seed ${p.training.seed}), ${gate}`;
}
