import { ExpressionError } from './errors';

/** Token kinds of the derive-expression language. */
export type TokenType = 'number' | 'string' | 'ident' | 'column' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

/**
 * One token. `pos` is the 0-based character offset of its first character in the source.
 * `column` tokens are quoted column names (`[a b]` or backticks); `ident` tokens are bare words
 * (column names, function names or the keywords `and`, `or`, `not`).
 */
export interface Token {
  type: TokenType;
  value: string;
  pos: number;
}

const OPS2 = new Set(['<=', '>=', '==', '!=']);
const OPS1 = new Set(['+', '-', '*', '/', '%', '<', '>']);

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Splits an expression into tokens; throws `ExpressionError` naming the offset of the first bad character. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && i + 1 < n && isDigit(src[i + 1]))) {
      while (i < n && isDigit(src[i])) i++;
      if (src[i] === '.') {
        i++;
        while (i < n && isDigit(src[i])) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (!isDigit(src[j] ?? '')) throw new ExpressionError(`malformed number exponent`, i);
        i = j;
        while (i < n && isDigit(src[i])) i++;
      }
      if (i < n && isIdentStart(src[i])) throw new ExpressionError(`unexpected character "${src[i]}" after number`, i);
      out.push({ type: 'number', value: src.slice(start, i), pos: start });
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(src[i])) i++;
      out.push({ type: 'ident', value: src.slice(start, i), pos: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let s = '';
      for (;;) {
        if (i >= n) throw new ExpressionError('unterminated string', start);
        const d = src[i];
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          if (i + 1 >= n) throw new ExpressionError('unterminated string', start);
          const e = src[i + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      out.push({ type: 'string', value: s, pos: start });
      continue;
    }
    if (c === '[' || c === '`') {
      const close = c === '[' ? ']' : '`';
      const end = src.indexOf(close, i + 1);
      if (end < 0) throw new ExpressionError(`unterminated column name (missing "${close}")`, start);
      const name = src.slice(i + 1, end);
      if (name.length === 0) throw new ExpressionError('empty column name', start);
      out.push({ type: 'column', value: name, pos: start });
      i = end + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (OPS2.has(two)) {
      out.push({ type: 'op', value: two, pos: start });
      i += 2;
      continue;
    }
    if (OPS1.has(c)) {
      out.push({ type: 'op', value: c, pos: start });
      i++;
      continue;
    }
    if (c === '(') out.push({ type: 'lparen', value: c, pos: start });
    else if (c === ')') out.push({ type: 'rparen', value: c, pos: start });
    else if (c === ',') out.push({ type: 'comma', value: c, pos: start });
    else if (c === '=') throw new ExpressionError('unexpected "=" (use "==" to compare)', start);
    else throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, start);
    i++;
  }
  out.push({ type: 'eof', value: '', pos: n });
  return out;
}
