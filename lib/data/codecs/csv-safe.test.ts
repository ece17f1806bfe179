import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv-safe';

describe('spreadsheet-safe CSV', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
  ])('escapes %j', (input, out) => expect(csvCell(input)).toBe(out));

  it('writes numbers, booleans and missing values as data', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv(['a', 'b'], [[1, '=x'], [null, 'y']])).toBe("a,b\r\n1,'=x\r\n,y\r\n");
  });
});
