import { describe, expect, it } from 'vitest';
import { staleStages, withStaleness, type StageFacts } from './stage-stale';

const fresh: StageFacts = {
  latestSnapshot: { id: 's2', name: 'June', createdAt: '2026-06-02T00:00:00.000Z' },
  latestValidation: { snapshotId: 's2', snapshotName: 'June', createdAt: '2026-06-02T01:00:00.000Z' },
  latestSpecVersion: 3,
  latestRun: { id: 'r2', name: 'gbdt-2', snapshotId: 's2', snapshotName: 'June', specVersion: 3, createdAt: '2026-06-02T02:00:00.000Z' },
  latestModelVersion: { model: 'churn', version: 2, runId: 'r2', createdAt: '2026-06-02T03:00:00.000Z' },
  champion: { model: 'churn', version: 2, runId: 'r2' },
};

describe('stage staleness from server facts', () => {
  it('nothing is stale when every stage used the newest upstream; nothing without facts', () => {
    expect(staleStages(fresh)).toEqual({});
    expect(staleStages({ latestSnapshot: null, latestValidation: null, latestSpecVersion: null, latestRun: null, latestModelVersion: null, champion: null })).toEqual({});
  });

  it('a new snapshot makes validate, train and evaluate stale, saying why', () => {
    const f = { ...fresh, latestSnapshot: { id: 's3', name: 'July', createdAt: '2026-07-01T00:00:00.000Z' } };
    const s = staleStages(f);
    expect(Object.keys(s).sort()).toEqual(['evaluate', 'train', 'validate']);
    expect(s.validate).toBe('The latest validation ran on snapshot "June"; the newest snapshot is "July".');
    expect(s.train).toMatch(/^Run "gbdt-2" trained on snapshot "June"; the newest snapshot is "July"\.$/);
    expect(s.evaluate).toMatch(/stale: run "gbdt-2" trained/);
  });

  it('a newer feature spec makes train stale; an unregistered newer run makes registry stale; an unpromoted version makes serve stale', () => {
    expect(staleStages({ ...fresh, latestSpecVersion: 4 }).train).toMatch(/used feature spec v3; the latest is v4/);
    const newerRun = { ...fresh.latestRun!, id: 'r3', name: 'gbdt-3', createdAt: '2026-06-03T00:00:00.000Z' };
    expect(staleStages({ ...fresh, latestRun: newerRun }).registry).toMatch(/Run "gbdt-3" is newer than the latest registered version \(churn v2\)/);
    const v3 = { model: 'churn', version: 3, runId: 'r2', createdAt: '2026-06-04T00:00:00.000Z' };
    expect(staleStages({ ...fresh, latestModelVersion: v3 }).serve).toBe('The champion churn v2 is older than the latest version v3 (not promoted).');
  });

  it('only a passed stage shows stale', () => {
    expect(withStaleness('passed', 'why')).toBe('stale');
    expect(withStaleness('passed', undefined)).toBe('passed');
    expect(withStaleness('running', 'why')).toBe('running');
    expect(withStaleness('failed', 'why')).toBe('failed');
  });
});
