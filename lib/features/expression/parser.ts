import { ExpressionError } from './errors';
import { tokenize, type Token } from './tokenizer';

/** AST of a derive expression. Every node carries `pos`, the source offset used in error messages. */
export type Expr =
  | { type: 'num'; value: number; pos: number }
  | { type: 'str'; value: string; pos: number }
  | { type: 'col'; name: string; pos: number }
  | { type: 'unary'; op: '-' | 'not'; arg: Expr; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: number }
  | { type: 'call'; fn: FunctionName; args: Expr[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';

export type FunctionName =
  | 'min' | 'max' | 'abs' | 'log' | 'sqrt' | 'exp' | 'round' | 'floor' | 'ceil' | 'coalesce' | 'if' | 'is_null';

/** The whitelist: function name → [min arity, max arity]. A Map, so no prototype names can slip through. */
export const FUNCTIONS: ReadonlyMap<string, readonly [number, number]> = new Map<string, readonly [number, number]>([
  ['min', [1, Infinity]],
  ['max', [1, Infinity]],
  ['abs', [1, 1]],
  ['log', [1, 1]],
  ['sqrt', [1, 1]],
  ['exp', [1, 1]],
  ['round', [1, 1]],
  ['floor', [1, 1]],
  ['ceil', [1, 1]],
  ['coalesce', [1, Infinity]],
  ['if', [3, 3]],
  ['is_null', [1, 1]],
]);

const KEYWORDS = new Set(['and', 'or', 'not']);

// Binding powers; comparisons are non-associative (a < b < c is rejected).
const INFIX_BP = new Map<string, number>([
  ['or', 1],
  ['and', 2],
  ['<', 4], ['<=', 4], ['>', 4], ['>=', 4], ['==', 4], ['!=', 4],
  ['+', 5], ['-', 5],
  ['*', 6], ['/', 6], ['%', 6],
]);
const NOT_BP = 3;
const NEG_BP = 7;

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of expression';
  if (t.type === 'string') return `string ${JSON.stringify(t.value)}`;
  if (t.type === 'column') return `column [${t.value}]`;
  return JSON.stringify(t.value);
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }

  parseAll(): Expr {
    if (this.peek().type === 'eof') throw new ExpressionError('empty expression', 0);
    const e = this.parse(0);
    const t = this.peek();
    if (t.type !== 'eof') throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
    return e;
  }

  private infixOp(t: Token): string | undefined {
    if (t.type === 'op') return t.value;
    if (t.type === 'ident' && (t.value === 'and' || t.value === 'or')) return t.value;
    return undefined;
  }

  private parse(minBp: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const op = this.infixOp(t);
      if (op === undefined) break;
      const bp = INFIX_BP.get(op)!;
      if (bp <= minBp) break;
      this.next();
      const right = this.parse(bp);
      if (bp === 4) {
        const after = this.peek();
        const op2 = this.infixOp(after);
        if (op2 !== undefined && INFIX_BP.get(op2) === 4) {
          throw new ExpressionError(`chained comparison ${JSON.stringify(op2)}; combine comparisons with "and"`, after.pos);
        }
      }
      left = { type: 'binary', op: op as BinaryOp, left, right, pos: t.pos };
    }
    return left;
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number': {
        const v = Number(t.value);
        if (!Number.isFinite(v)) throw new ExpressionError(`number ${t.value} is out of range`, t.pos);
        return { type: 'num', value: v, pos: t.pos };
      }
      case 'string':
        return { type: 'str', value: t.value, pos: t.pos };
      case 'column':
        if (this.peek().type === 'lparen') throw new ExpressionError(`quoted column [${t.value}] cannot be called`, t.pos);
        return { type: 'col', name: t.value, pos: t.pos };
      case 'ident': {
        if (t.value === 'not') return { type: 'unary', op: 'not', arg: this.parse(NOT_BP), pos: t.pos };
        if (KEYWORDS.has(t.value)) throw new ExpressionError(`unexpected keyword "${t.value}"`, t.pos);
        if (this.peek().type === 'lparen') return this.call(t);
        return { type: 'col', name: t.value, pos: t.pos };
      }
      case 'op':
        if (t.value === '-') return { type: 'unary', op: '-', arg: this.parse(NEG_BP), pos: t.pos };
        throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
      case 'lparen': {
        const e = this.parse(0);
        const close = this.next();
        if (close.type !== 'rparen') throw new ExpressionError(`expected ")" but found ${describe(close)}`, close.pos);
        return e;
      }
      default:
        throw new ExpressionError(`unexpected ${describe(t)}`, t.pos);
    }
  }

  private call(name: Token): Expr {
    const arity = FUNCTIONS.get(name.value);
    if (arity === undefined) throw new ExpressionError(`unknown function "${name.value}"`, name.pos);
    this.next(); // (
    const args: Expr[] = [];
    if (this.peek().type !== 'rparen') {
      for (;;) {
        args.push(this.parse(0));
        const t = this.peek();
        if (t.type === 'comma') {
          this.next();
          continue;
        }
        if (t.type === 'rparen') break;
        throw new ExpressionError(`expected "," or ")" but found ${describe(t)}`, t.pos);
      }
    }
    this.next(); // )
    const [lo, hi] = arity;
    if (args.length < lo || args.length > hi) {
      const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} to ${hi}`;
      throw new ExpressionError(`function "${name.value}" takes ${want} argument(s), got ${args.length}`, name.pos);
    }
    return { type: 'call', fn: name.value as FunctionName, args, pos: name.pos };
  }
}

/** Parses a derive expression into an AST; throws `ExpressionError` (`at <offset>: ...`) on anything outside the language. */
export function parseExpression(src: string): Expr {
  if (typeof src !== 'string') throw new TypeError(`expression must be a string, got ${typeof src}`);
  return new Parser(tokenize(src)).parseAll();
}

/** Column names an AST references, in first-seen order, without duplicates. */
export function referencedColumns(e: Expr): string[] {
  const seen = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.type === 'col') seen.add(x.name);
    else if (x.type === 'unary') walk(x.arg);
    else if (x.type === 'binary') {
      walk(x.left);
      walk(x.right);
    } else if (x.type === 'call') x.args.forEach(walk);
  };
  walk(e);
  return [...seen];
}
