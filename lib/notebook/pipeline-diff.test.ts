import { describe, expect, it } from 'vitest';
import { mergePipelineSettings, DEFAULT_PIPELINE_SETTINGS } from '../pipeline/settings';
import { diffSettings, formatChanges, scheduleEffect } from './pipeline-diff';

describe('pipeline settings diff', () => {
  it('lists leaf changes with dotted paths, including params added', () => {
    const a = mergePipelineSettings(DEFAULT_PIPELINE_SETTINGS, { training: { params: { max_iter: 100 } } });
    const b = mergePipelineSettings(a, { training: { params: { max_iter: 200, learning_rate: 0.1 } }, registry: { autoPromote: false } });
    const d = diffSettings(a, b);
    expect(d).toEqual([
      { path: 'registry.autoPromote', from: true, to: false },
      { path: 'training.params.learning_rate', from: undefined, to: 0.1 },
      { path: 'training.params.max_iter', from: 100, to: 200 },
    ]);
    expect(formatChanges(d)).toBe('registry.autoPromote true → false; training.params.learning_rate (unset) → 0.1; training.params.max_iter 100 → 200');
    expect(diffSettings(a, structuredClone(a))).toEqual([]);
  });

  it('describes what each scheduled job does with the settings', () => {
    const p = mergePipelineSettings(DEFAULT_PIPELINE_SETTINGS, { training: { params: { max_iter: 50 } }, registry: { autoPromote: false } });
    expect(scheduleEffect('pipeline', p)).toMatch(/train gbdt with \{"max_iter":50\}.*register as challenger/);
    expect(scheduleEffect('ingest', p)).toMatch(/30-day window ending on the run date/);
    expect(scheduleEffect('batch-score', p)).toMatch(/champion/);
  });
});
