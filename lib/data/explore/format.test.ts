import { describe, expect, it } from 'vitest';
import { formatBytes, formatCell, formatDate, formatInt, formatMs, formatNumber, formatPercent, shortHash } from './format';

describe('format', () => {
  it('formats integers with separators and missing as a dash', () => {
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatInt(null)).toBe('—');
    expect(formatInt(NaN)).toBe('—');
  });
  it('formats numbers to significant digits', () => {
    expect(formatNumber(3.14159265)).toBe('3.142');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(120000)).toBe('120,000');
    expect(formatNumber(0.000012346)).toBe('1.235e-5');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
  });
  it('formats percentages, bytes, ms', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatMs(1234.6)).toBe('1,235 ms');
  });
  it('shortens hashes and formats cells and dates', () => {
    expect(shortHash('sha256:0123456789abcdef')).toBe('0123456789ab');
    expect(shortHash(null)).toBe('—');
    expect(formatCell(null)).toBe('');
    expect(formatCell(NaN)).toBe('');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(1.5)).toBe('1.5');
    expect(formatDate('2024-03-05T10:00:00.000Z')).toBe('2024-03-05');
    expect(formatDate(null)).toBe('—');
  });
});
