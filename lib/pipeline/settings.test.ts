import { describe, expect, it } from 'vitest';
import { STAGES } from './stages';
import { DEFAULT_PIPELINE_SETTINGS, PIPELINE_STAGE_IDS, ingestWindowEnd, mergePipelineSettings, parsePipelineSettings } from './settings';

describe('pipeline settings', () => {
  it('fills every default from {} (and from null)', () => {
    expect(parsePipelineSettings({})).toEqual(DEFAULT_PIPELINE_SETTINGS);
    expect(parsePipelineSettings(null)).toEqual(DEFAULT_PIPELINE_SETTINGS);
    expect(DEFAULT_PIPELINE_SETTINGS).toEqual({
      ingest: { windowDays: 30, labelHorizonDays: 30, endDate: null, signupFilter: 'active', sourceId: null },
      features: { specVersionId: null },
      training: { family: 'gbdt', params: {}, testFraction: 0.2, seed: 42 },
      registry: { modelName: null, autoPromote: true, promoteMargin: 0.005 },
    });
  });

  it('keeps given values and fills the rest of a group', () => {
    const s = parsePipelineSettings({ registry: { promoteMargin: 0.02 }, training: { params: { max_iter: 20 } } });
    expect(s.registry).toEqual({ modelName: null, autoPromote: true, promoteMargin: 0.02 });
    expect(s.training).toMatchObject({ family: 'gbdt', params: { max_iter: 20 }, seed: 42 });
  });

  it('refuses bad values and unknown keys, naming the path', () => {
    expect(() => parsePipelineSettings({ registry: { promoteMargin: 2 } })).toThrow(/promoteMargin/);
    expect(() => parsePipelineSettings({ ingest: { endDate: '30/09/2026' } })).toThrow(/endDate/);
    expect(() => parsePipelineSettings({ ingest: { windowDayz: 3 } })).toThrow(/windowDayz/);
    expect(() => parsePipelineSettings({ training: { family: 'xgboost' } })).toThrow(/family/);
  });

  it('merges a patch group by group', () => {
    const a = mergePipelineSettings(DEFAULT_PIPELINE_SETTINGS, { registry: { autoPromote: false } });
    expect(a.registry).toEqual({ modelName: null, autoPromote: false, promoteMargin: 0.005 });
    const b = mergePipelineSettings(a, { registry: { promoteMargin: -1 }, ingest: { windowDays: 7 } });
    expect(b.registry).toEqual({ modelName: null, autoPromote: false, promoteMargin: -1 });
    expect(b.ingest.windowDays).toBe(7);
    expect(() => mergePipelineSettings(a, { registry: { promoteMargin: 'x' } } as never)).toThrow(/promoteMargin/);
  });

  it('ends a training window a label horizon before the run date, a scoring window on it, or on the pinned date', () => {
    const now = new Date('2026-11-28T01:30:00Z');
    expect(ingestWindowEnd(DEFAULT_PIPELINE_SETTINGS.ingest, now, 'train')).toBe('2026-10-29');
    expect(ingestWindowEnd(DEFAULT_PIPELINE_SETTINGS.ingest, now, 'score')).toBe('2026-11-28');
    expect(ingestWindowEnd({ ...DEFAULT_PIPELINE_SETTINGS.ingest, endDate: '2026-09-30' }, now, 'train')).toBe('2026-09-30');
    expect(() => ingestWindowEnd(DEFAULT_PIPELINE_SETTINGS.ingest, new Date('nope'), 'train')).toThrow(TypeError);
  });

  it('runs stages that exist in the notebook, in notebook order', () => {
    const order = STAGES.map((s) => s.id as string);
    const idx = PIPELINE_STAGE_IDS.map((id) => order.indexOf(id));
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((x, y) => x - y)).toEqual(idx);
  });
});
