import { describe, expect, it } from 'vitest';
import { clampTimeout, DEFAULT_CELL_TIMEOUT_MS, librariesFor, MAX_CELL_TIMEOUT_MS, timeLimitMessage } from './protocol';

describe('protocol helpers', () => {
  it('loads tf and dfd only when the source names them', () => {
    expect(librariesFor('snapshot.numRows()')).toEqual(['acorn', 'aq']);
    expect(librariesFor('tf.tensor([1])')).toEqual(['acorn', 'aq', 'tf']);
    expect(librariesFor('new dfd.DataFrame(x)')).toEqual(['acorn', 'aq', 'dfd']);
    expect(librariesFor('const stf = 1; dfdx')).toEqual(['acorn', 'aq']);
  });
  it('clamps the time limit and words the timeout', () => {
    expect(clampTimeout(undefined)).toBe(DEFAULT_CELL_TIMEOUT_MS);
    expect(clampTimeout(Number.NaN)).toBe(DEFAULT_CELL_TIMEOUT_MS);
    expect(clampTimeout(5)).toBe(100);
    expect(clampTimeout(1e9)).toBe(MAX_CELL_TIMEOUT_MS);
    expect(timeLimitMessage(10_000)).toBe('stopped after 10 s (time limit)');
    expect(timeLimitMessage(1500)).toBe('stopped after 1.5 s (time limit)');
  });
});
