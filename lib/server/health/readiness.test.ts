import { describe, expect, it } from 'vitest';
import type { ScoringPool } from '@/lib/server/serving/scoring-pool';
import { SCORING_THREADS_GRACE_MS, scoringThreadsCheck } from './readiness';

const pool = (size: number, ready: number, startedAt: number) => ({ size, startedAt, readyThreads: () => ready }) as unknown as ScoringPool;

describe('scoringThreadsCheck', () => {
  it('is ready without threads (scoring on the event loop) and when every thread is up', () => {
    expect(scoringThreadsCheck(null)).toEqual({ ok: true, detail: 'scoring on the event loop' });
    expect(scoringThreadsCheck(pool(2, 2, 0), 1)).toEqual({ ok: true, detail: '2 scoring threads ready' });
  });

  it('waits for booting threads, then settles for those up after the grace period', () => {
    const t0 = 1_000_000;
    expect(scoringThreadsCheck(pool(2, 0, t0), t0 + 5_000)).toEqual({ ok: false, detail: '0 of 2 scoring threads ready' });
    expect(scoringThreadsCheck(pool(2, 1, t0), t0 + SCORING_THREADS_GRACE_MS - 1).ok).toBe(false);
    expect(scoringThreadsCheck(pool(2, 1, t0), t0 + SCORING_THREADS_GRACE_MS)).toEqual({ ok: true, detail: '1 of 2 scoring threads ready; the others are scored on the event loop' });
  });
});
