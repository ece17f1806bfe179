/** Column-wise numeric kernels of the expression evaluator. Scalars stand for constants (never broadcast needlessly). */
export type NumV = number | Float64Array;
export type StrV = string | null | (string | null)[];

export const fin = (r: number): number => (r - r === 0 ? r : NaN);

export function num(v: NumV, i: number): number {
  return typeof v === 'number' ? v : v[i];
}
export function str(v: StrV, i: number): string | null {
  return v === null || typeof v === 'string' ? v : v[i];
}
export function isScalar(v: NumV | StrV): boolean {
  return v === null || typeof v === 'number' || typeof v === 'string';
}

function vec(v: NumV, n: number): Float64Array {
  return typeof v === 'number' ? new Float64Array(n).fill(v) : v;
}

/** Arithmetic gets one tight loop per operator (hot path); other operators go through NUM_OPS. */
export function numBinary(op: string, a: NumV, b: NumV, n: number): NumV {
  const f = NUM_OPS.get(op)!;
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const x = vec(a, n);
  const y = vec(b, n);
  const out = new Float64Array(n);
  let r: number;
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = (r = x[i] + y[i]) - r === 0 ? r : NaN;
      return out;
    case '-':
      for (let i = 0; i < n; i++) out[i] = (r = x[i] - y[i]) - r === 0 ? r : NaN;
      return out;
    case '*':
      for (let i = 0; i < n; i++) out[i] = (r = x[i] * y[i]) - r === 0 ? r : NaN;
      return out;
    case '/':
      for (let i = 0; i < n; i++) out[i] = (r = x[i] / y[i]) - r === 0 ? r : NaN;
      return out;
    default:
      for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
      return out;
  }
}

const NUM_OPS = new Map<string, (x: number, y: number) => number>([
  ['+', (x, y) => fin(x + y)],
  ['-', (x, y) => fin(x - y)],
  ['*', (x, y) => fin(x * y)],
  ['/', (x, y) => fin(x / y)],
  ['%', (x, y) => fin(x % y)],
  ['<', (x, y) => (x !== x || y !== y ? NaN : x < y ? 1 : 0)],
  ['<=', (x, y) => (x !== x || y !== y ? NaN : x <= y ? 1 : 0)],
  ['>', (x, y) => (x !== x || y !== y ? NaN : x > y ? 1 : 0)],
  ['>=', (x, y) => (x !== x || y !== y ? NaN : x >= y ? 1 : 0)],
  ['==', (x, y) => (x !== x || y !== y ? NaN : x === y ? 1 : 0)],
  ['!=', (x, y) => (x !== x || y !== y ? NaN : x !== y ? 1 : 0)],
  ['and', (x, y) => (x === 0 || y === 0 ? 0 : x !== x || y !== y ? NaN : 1)],
  ['or', (x, y) => ((x === x && x !== 0) || (y === y && y !== 0) ? 1 : x !== x || y !== y ? NaN : 0)],
]);

export const UNARY = new Map<string, (x: number) => number>([
  ['abs', (x) => Math.abs(x)],
  ['log', (x) => fin(Math.log(x))],
  ['sqrt', (x) => fin(Math.sqrt(x))],
  ['exp', (x) => fin(Math.exp(x))],
  ['round', (x) => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5))],
  ['floor', (x) => Math.floor(x)],
  ['ceil', (x) => Math.ceil(x)],
  ['-', (x) => -x],
  ['not', (x) => (x !== x ? NaN : x === 0 ? 1 : 0)],
]);

export function mapNum(f: (x: number) => number, a: NumV, n: number): NumV {
  if (typeof a === 'number') return f(a);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(a[i]);
  return out;
}

export function numBinary2(f: (x: number, y: number) => number, a: NumV, b: NumV, n: number): NumV {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(num(a, i), num(b, i));
  return out;
}

