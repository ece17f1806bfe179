import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors';
import { compileExpression, type Values } from './evaluate';
import { parseExpression, referencedColumns } from './parser';

function errorOf(src: string): ExpressionError {
  try {
    parseExpression(src);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    return e as ExpressionError;
  }
  throw new Error(`expected ${src} to be rejected`);
}

function evalNum(src: string, cols: Record<string, number[]>): number[] {
  const m = new Map<string, Float64Array>(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)]));
  const n = Object.values(cols)[0]?.length ?? 1;
  const c = compileExpression(parseExpression(src), (name) => (m.has(name) ? 'numeric' : undefined));
  return Array.from(c.evaluate((name) => m.get(name)! as Values, n) as Float64Array);
}

describe('parser rejects what is not in the language, naming the position', () => {
  it.each([
    ['constructor(1)', 0, 'unknown function "constructor"'],
    ['__proto__.x', 9, 'unexpected character "."'],
    ['process.exit()', 7, 'unexpected character "."'],
    ['a; b', 1, 'unexpected character ";"'],
    ['1 + eval(2)', 4, 'unknown function "eval"'],
    ['toString()', 0, 'unknown function "toString"'],
    ['x + "abc', 4, 'unterminated string'],
    ["'abc", 0, 'unterminated string'],
    ['a = 1', 2, 'unexpected "="'],
    ['(a + 1', 6, 'expected ")"'],
    ['a b', 2, 'unexpected "b"'],
    ['1 < a < 2', 6, 'chained comparison'],
    ['min()', 0, 'function "min" takes at least 1'],
    ['if(a, 1)', 0, 'function "if" takes 3'],
    ['[a b', 0, 'unterminated column name'],
    ['a ** 2', 3, 'unexpected "*"'],
    ['', 0, 'empty expression'],
    ['a && b', 2, 'unexpected character "&"'],
    ['1e', 1, 'malformed number exponent'],
  ])('%s', (src, pos, msg) => {
    const e = errorOf(src);
    expect(e.position).toBe(pos);
    expect(e.message).toContain(`at ${pos}: `);
    expect(e.message).toContain(msg);
  });
});

describe('parser structure', () => {
  it('respects precedence: * over +, comparison over and, and over or, not over and', () => {
    expect(evalNum('1 + 2 * 3', { a: [0] })).toEqual([7]);
    expect(evalNum('(1 + 2) * 3', { a: [0] })).toEqual([9]);
    expect(evalNum('-2 * 3 + 10 % 4', { a: [0] })).toEqual([-4]);
    expect(evalNum('1 < 2 and 3 < 2 or 1', { a: [0] })).toEqual([1]);
    expect(evalNum('not 1 == 2 and 0', { a: [0] })).toEqual([0]);
  });
  it('reads bare, bracketed and backticked column names, including prototype names', () => {
    const ast = parseExpression('a + [col with spaces] * `x-y` - constructor + __proto__ + prototype');
    expect(referencedColumns(ast)).toEqual(['a', 'col with spaces', 'x-y', 'constructor', '__proto__', 'prototype']);
  });
  it('treats constructor / __proto__ / globalThis as columns, unknown unless provided', () => {
    for (const name of ['constructor', '__proto__', 'globalThis', 'process', 'toString', 'hasOwnProperty']) {
      const ast = parseExpression(`1 + ${name}`);
      const kinds = new Map<string, 'numeric'>();
      expect(() => compileExpression(ast, (n) => kinds.get(n))).toThrow(`at 4: unknown column "${name}"`);
      kinds.set(name, 'numeric');
      const c = compileExpression(ast, (n) => kinds.get(n));
      expect(c.evaluate(() => Float64Array.of(41), 1)).toEqual(Float64Array.of(42));
    }
  });
});

describe('evaluation semantics', () => {
  it('arithmetic column-wise, missing propagates as NaN, x/0 and log(0) are NaN', () => {
    expect(evalNum('a / b', { a: [1, 4, NaN, 1, -1], b: [2, 0, 1, NaN, 0] })).toEqual([0.5, NaN, NaN, NaN, NaN]);
    expect(evalNum('a % b', { a: [7, 7], b: [3, 0] })).toEqual([1, NaN]);
    expect(evalNum('log(a)', { a: [Math.E, 0, -1] })).toEqual([1, NaN, NaN]);
    expect(evalNum('exp(a)', { a: [0, 1000] })).toEqual([1, NaN]);
    expect(evalNum('sqrt(a) + abs(-a)', { a: [4, -4] })).toEqual([6, NaN]);
  });
  it('round is half away from zero; floor, ceil', () => {
    expect(evalNum('round(a)', { a: [2.5, -2.5, 0.49, -0.5] })).toEqual([3, -3, 0, -1]);
    expect(evalNum('floor(a) + ceil(a) * 10', { a: [1.5, -1.5] })).toEqual([21, -12]);
  });
  it('min/max variadic, NaN propagates', () => {
    expect(evalNum('min(a, b, 3)', { a: [1, 5, NaN], b: [2, 4, 1] })).toEqual([1, 3, NaN]);
    expect(evalNum('max(a, b)', { a: [1, 5], b: [2, 4] })).toEqual([2, 5]);
  });
  it('coalesce, is_null and if handle missing values', () => {
    expect(evalNum('coalesce(a, b, 0)', { a: [1, NaN, NaN], b: [9, 2, NaN] })).toEqual([1, 2, 0]);
    expect(evalNum('is_null(a)', { a: [1, NaN] })).toEqual([0, 1]);
    expect(evalNum('if(a > 1, 10, 20)', { a: [2, 0, NaN] })).toEqual([10, 20, NaN]);
  });
  it('comparisons give 1/0/NaN; and/or use Kleene logic', () => {
    expect(evalNum('a >= 1', { a: [1, 0, NaN] })).toEqual([1, 0, NaN]);
    expect(evalNum('a and b', { a: [NaN, NaN, 1, 0], b: [0, 1, 1, NaN] })).toEqual([0, NaN, 1, 0]);
    expect(evalNum('a or b', { a: [NaN, NaN, 0, 0], b: [1, 0, 0, NaN] })).toEqual([1, NaN, 0, NaN]);
    expect(evalNum('not a', { a: [0, 2, NaN] })).toEqual([1, 0, NaN]);
  });
  it('text: == / != against strings, if/coalesce yield text, other operators are type errors', () => {
    const cols = new Map<string, Values>([['c', ['a', 'b', null]]]);
    const kind = (n: string) => (n === 'c' ? ('categorical' as const) : undefined);
    const eq = compileExpression(parseExpression('c == "a"'), kind);
    expect(Array.from(eq.evaluate((n) => cols.get(n)!, 3) as Float64Array)).toEqual([1, 0, NaN]);
    const t = compileExpression(parseExpression("coalesce(c, 'none')"), kind);
    expect(t.kind).toBe('categorical');
    expect(t.evaluate((n) => cols.get(n)!, 3)).toEqual(['a', 'b', 'none']);
    expect(() => compileExpression(parseExpression('c + 1'), kind)).toThrow('at 2: operator "+" cannot combine text and a number');
    expect(() => compileExpression(parseExpression('c < "b"'), kind)).toThrow('at 2:');
    expect(() => compileExpression(parseExpression('log(c)'), kind)).toThrow('at 4: argument 1 of "log" must be a number');
  });
  it('constants broadcast to the row count', () => {
    expect(evalNum('2 * 3', { a: [0, 0, 0] })).toEqual([6, 6, 6]);
  });
});
