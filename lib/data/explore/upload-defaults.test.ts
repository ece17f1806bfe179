import { describe, expect, it } from 'vitest';
import { defaultPositive, defaultTarget, nameFromFile } from './upload-defaults';

describe('upload defaults', () => {
  it('picks the last churn-like candidate, else the last one', () => {
    const c = (column: string) => ({ column, values: [] });
    expect(defaultTarget([c('Exited'), c('is_active'), c('Churn'), c('gender')])).toBe('Churn');
    expect(defaultTarget([c('a'), c('b')])).toBe('b');
    expect(defaultTarget([])).toBeNull();
  });
  it('picks a yes-like positive value, else the rarer value', () => {
    expect(defaultPositive([{ value: 'No', count: 80 }, { value: 'Yes', count: 20 }])).toBe('Yes');
    expect(defaultPositive([{ value: '0', count: 70 }, { value: '1', count: 30 }])).toBe('1');
    expect(defaultPositive([{ value: 'stay', count: 70 }, { value: 'gone', count: 30 }])).toBe('gone');
    expect(defaultPositive([])).toBeNull();
  });
  it('derives a name from the file name', () => {
    expect(nameFromFile('telco churn.CSV')).toBe('telco churn');
    expect(nameFromFile('.csv')).toBe('upload');
  });
});
