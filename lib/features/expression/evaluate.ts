import type { ColumnKind } from '../columns';
import { ExpressionError } from './errors';
import { isScalar, mapNum, num, numBinary, numBinary2, str, UNARY, type NumV, type StrV } from './kernels';
import type { Expr } from './parser';

/** Column values handed to an evaluator: numbers as Float64Array (NaN = missing), text as string|null arrays. */
export type Values = Float64Array | (string | null)[];

interface Node {
  kind: ColumnKind;
  ev(get: (name: string) => Values, n: number): NumV | StrV;
}

/**
 * A type-checked, column-wise evaluator of a derive expression.
 *
 * Semantics (documented contract):
 * - Missing values are NaN (numbers) / null (text) and propagate through arithmetic, comparisons and functions,
 *   except `coalesce`, `is_null` and the Kleene logic of `and`/`or` (`0 and NaN` = 0, `1 or NaN` = 1).
 * - Any non-finite arithmetic result (division by zero, `x % 0`, `log(0)`, overflow) becomes NaN, so outputs
 *   never hold ±Infinity.
 * - Comparisons and logic give 1/0; a value is true when non-zero. Text supports only `==` / `!=`.
 * - `round` rounds half away from zero. `min`/`max` return NaN if any argument is NaN.
 */
export interface CompiledExpression {
  kind: ColumnKind;
  /** Referenced column names, first-seen order. */
  refs: string[];
  evaluate(get: (name: string) => Values, n: number): Values;
}

function kindWord(k: ColumnKind): string {
  return k === 'numeric' ? 'a number' : 'text';
}

function build(e: Expr, kindOf: (name: string) => ColumnKind | undefined): Node {
  switch (e.type) {
    case 'num':
      return { kind: 'numeric', ev: () => e.value };
    case 'str':
      return { kind: 'categorical', ev: () => e.value };
    case 'col': {
      const k = kindOf(e.name);
      if (k === undefined) throw new ExpressionError(`unknown column "${e.name}"`, e.pos);
      const name = e.name;
      return { kind: k, ev: (get) => get(name) as NumV | StrV };
    }
    case 'unary': {
      const a = build(e.arg, kindOf);
      if (a.kind !== 'numeric') throw new ExpressionError(`"${e.op}" needs a number, got text`, e.pos);
      const f = UNARY.get(e.op)!;
      return { kind: 'numeric', ev: (get, n) => mapNum(f, a.ev(get, n) as NumV, n) };
    }
    case 'binary': {
      const a = build(e.left, kindOf);
      const b = build(e.right, kindOf);
      if (a.kind === 'categorical' || b.kind === 'categorical') {
        if ((e.op !== '==' && e.op !== '!=') || a.kind !== b.kind) {
          throw new ExpressionError(
            `operator "${e.op}" cannot combine ${kindWord(a.kind)} and ${kindWord(b.kind)} (text supports only == and != with text)`,
            e.pos,
          );
        }
        const eq = e.op === '==';
        return {
          kind: 'numeric',
          ev: (get, n) => {
            const x = a.ev(get, n) as StrV;
            const y = b.ev(get, n) as StrV;
            const cmp = (p: string | null, q: string | null): number => (p === null || q === null ? NaN : (p === q) === eq ? 1 : 0);
            if (isScalar(x) && isScalar(y)) return cmp(str(x, 0), str(y, 0));
            const out = new Float64Array(n);
            for (let i = 0; i < n; i++) out[i] = cmp(str(x, i), str(y, i));
            return out;
          },
        };
      }
      const op = e.op;
      return { kind: 'numeric', ev: (get, n) => numBinary(op, a.ev(get, n) as NumV, b.ev(get, n) as NumV, n) };
    }
    case 'call':
      return buildCall(e, kindOf);
  }
}

function buildCall(e: Extract<Expr, { type: 'call' }>, kindOf: (name: string) => ColumnKind | undefined): Node {
  const args = e.args.map((a) => build(a, kindOf));
  const needNum = (idx: number[]): void => {
    for (const i of idx) {
      if (args[i].kind !== 'numeric') throw new ExpressionError(`argument ${i + 1} of "${e.fn}" must be a number, got text`, e.args[i].pos);
    }
  };
  const sameKind = (from: number): ColumnKind => {
    const k = args[from].kind;
    for (let i = from + 1; i < args.length; i++) {
      if (args[i].kind !== k) throw new ExpressionError(`arguments of "${e.fn}" mix numbers and text`, e.args[i].pos);
    }
    return k;
  };
  switch (e.fn) {
    case 'min':
    case 'max': {
      needNum(args.map((_, i) => i));
      const f = e.fn === 'min' ? Math.min : Math.max;
      return {
        kind: 'numeric',
        ev: (get, n) => {
          let acc = args[0].ev(get, n) as NumV;
          for (let k = 1; k < args.length; k++) acc = numBinary2(f, acc, args[k].ev(get, n) as NumV, n);
          return acc;
        },
      };
    }
    case 'coalesce': {
      const k = sameKind(0);
      return {
        kind: k,
        ev: (get, n) => {
          const vs = args.map((a) => a.ev(get, n));
          if (vs.every(isScalar)) {
            for (const v of vs) if (k === 'numeric' ? (v as number) === (v as number) : v !== null) return v;
            return k === 'numeric' ? NaN : null;
          }
          if (k === 'numeric') {
            const out = new Float64Array(n);
            for (let i = 0; i < n; i++) {
              let r = NaN;
              for (let j = 0; j < vs.length; j++) {
                const x = num(vs[j] as NumV, i);
                if (x === x) {
                  r = x;
                  break;
                }
              }
              out[i] = r;
            }
            return out;
          }
          const out = new Array<string | null>(n);
          for (let i = 0; i < n; i++) {
            let r: string | null = null;
            for (let j = 0; j < vs.length && r === null; j++) r = str(vs[j] as StrV, i);
            out[i] = r;
          }
          return out;
        },
      };
    }
    case 'if': {
      needNum([0]);
      const k = sameKind(1);
      return {
        kind: k,
        ev: (get, n) => {
          const c = args[0].ev(get, n) as NumV;
          const a = args[1].ev(get, n);
          const b = args[2].ev(get, n);
          if (k === 'numeric') {
            const out = new Float64Array(n);
            for (let i = 0; i < n; i++) {
              const ci = num(c, i);
              out[i] = ci !== ci ? NaN : ci !== 0 ? num(a as NumV, i) : num(b as NumV, i);
            }
            return out;
          }
          const out = new Array<string | null>(n);
          for (let i = 0; i < n; i++) {
            const ci = num(c, i);
            out[i] = ci !== ci ? null : ci !== 0 ? str(a as StrV, i) : str(b as StrV, i);
          }
          return out;
        },
      };
    }
    case 'is_null': {
      const a = args[0];
      return {
        kind: 'numeric',
        ev: (get, n) => {
          const v = a.ev(get, n);
          if (isScalar(v)) return v === null || (typeof v === 'number' && v !== v) ? 1 : 0;
          const out = new Float64Array(n);
          if (a.kind === 'numeric') for (let i = 0; i < n; i++) out[i] = (v as Float64Array)[i] !== (v as Float64Array)[i] ? 1 : 0;
          else for (let i = 0; i < n; i++) out[i] = (v as (string | null)[])[i] === null ? 1 : 0;
          return out;
        },
      };
    }
    default: {
      needNum([0]);
      const f = UNARY.get(e.fn)!;
      return { kind: 'numeric', ev: (get, n) => mapNum(f, args[0].ev(get, n) as NumV, n) };
    }
  }
}

/**
 * Type-checks an AST against the available columns and returns a column-wise evaluator.
 * `kindOf` must answer from an own-property structure (a Map): any name, including `constructor` or
 * `__proto__`, is just a column name. Throws `ExpressionError` naming the position of an unknown column
 * or a type error.
 */
export function compileExpression(ast: Expr, kindOf: (name: string) => ColumnKind | undefined): CompiledExpression {
  const root = build(ast, kindOf);
  const refs: string[] = [];
  const walk = (x: Expr): void => {
    if (x.type === 'col') {
      if (!refs.includes(x.name)) refs.push(x.name);
    } else if (x.type === 'unary') walk(x.arg);
    else if (x.type === 'binary') {
      walk(x.left);
      walk(x.right);
    } else if (x.type === 'call') x.args.forEach(walk);
  };
  walk(ast);
  return {
    kind: root.kind,
    refs,
    evaluate(get, n) {
      const v = root.ev(get, n);
      if (root.kind === 'numeric') {
        if (typeof v === 'number') return new Float64Array(n).fill(v);
        return v as Float64Array;
      }
      if (isScalar(v)) return new Array<string | null>(n).fill(v as string | null);
      return v as (string | null)[];
    },
  };
}
