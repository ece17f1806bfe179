/** Longest value text a cell shows (characters). */
export const INSPECT_MAX_CHARS = 20_000;

/** Formats any value as bounded text for a value output or a log line. */
export type InspectFn = (value: unknown, depth?: number) => string;

/**
 * A Node-`util.inspect`-like formatter for the sandbox: strings bare at the top level, cycles marked, nesting past
 * `depth` summarized, at most 100 items per array/object/map, tfjs tensors via their own `toString`, arquero tables
 * as a one-line summary, the whole text clipped at `maxChars`. SELF-CONTAINED: serialized into the worker script
 * with `toString()` (see worker-script.ts), so it references nothing outside itself.
 */
export function createInspect(maxChars: number): InspectFn {
  const isPlainObject = (v: unknown): v is Record<string, unknown> => {
    if (v === null || typeof v !== 'object') return false;
    const p = Object.getPrototypeOf(v);
    return p === Object.prototype || p === null;
  };
  const isArrayLike = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  const isArquero = (v: unknown): v is { columnNames(): string[]; numRows(): number } =>
    !!v && typeof v === 'object' && typeof (v as { columnNames?: unknown }).columnNames === 'function' && typeof (v as { numRows?: unknown }).numRows === 'function';
  const isTensor = (v: unknown): boolean =>
    !!v && typeof v === 'object' && typeof (v as { dataSync?: unknown }).dataSync === 'function' && Array.isArray((v as { shape?: unknown }).shape) && typeof (v as { dtype?: unknown }).dtype === 'string';

  function clip(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
  }

  function inspect(value: unknown, depth = 3): string {
    const seen = new Set<unknown>();
    const MAX_ITEMS = 100;
    const go = (v: unknown, d: number, indent: string): string => {
      if (v === null) return 'null';
      switch (typeof v) {
        case 'undefined':
          return 'undefined';
        case 'string':
          return d === depth ? v : JSON.stringify(v);
        case 'number':
          return Object.is(v, -0) ? '-0' : String(v);
        case 'bigint':
          return `${String(v)}n`;
        case 'boolean':
        case 'symbol':
          return String(v);
        case 'function':
          return `[Function ${v.name || '(anonymous)'}]`;
      }
      if (isTensor(v)) return String(v);
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      if (v instanceof RegExp) return String(v);
      if (v instanceof Error) return `${v.name}: ${v.message}`;
      if (seen.has(v)) return '[Circular]';
      if (isArquero(v)) return `Table (${v.numRows()} rows × ${v.columnNames().length} columns: ${v.columnNames().slice(0, 20).join(', ')})`;
      if (d <= 0) return Array.isArray(v) ? `[Array(${v.length})]` : '[Object]';
      seen.add(v);
      const inner = indent + '  ';
      let out: string;
      if (isArrayLike(v)) {
        const n = v.length;
        const parts: string[] = [];
        for (let i = 0; i < Math.min(n, MAX_ITEMS); i++) parts.push(go(v[i], d - 1, inner));
        if (n > MAX_ITEMS) parts.push(`… ${n - MAX_ITEMS} more`);
        const prefix = Array.isArray(v) ? '' : `${(v as object).constructor?.name ?? 'TypedArray'}(${n}) `;
        const flat = `${prefix}[${parts.join(', ')}]`;
        out = flat.length <= 80 ? flat : `${prefix}[\n${inner}${parts.join(`,\n${inner}`)}\n${indent}]`;
      } else if (v instanceof Map || v instanceof Set) {
        const parts: string[] = [];
        let i = 0;
        for (const e of v instanceof Map ? v.entries() : v.values()) {
          if (i++ >= MAX_ITEMS) {
            parts.push(`… ${v.size - MAX_ITEMS} more`);
            break;
          }
          parts.push(v instanceof Map ? `${go((e as [unknown, unknown])[0], d - 1, inner)} => ${go((e as [unknown, unknown])[1], d - 1, inner)}` : go(e, d - 1, inner));
        }
        out = `${v instanceof Map ? 'Map' : 'Set'}(${v.size}) {${parts.length ? ` ${parts.join(', ')} ` : ''}}`;
      } else {
        const keys = Object.keys(v as object);
        const parts: string[] = [];
        for (const k of keys.slice(0, MAX_ITEMS)) {
          const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
          parts.push(`${key}: ${go((v as Record<string, unknown>)[k], d - 1, inner)}`);
        }
        if (keys.length > MAX_ITEMS) parts.push(`… ${keys.length - MAX_ITEMS} more keys`);
        const name = isPlainObject(v) ? '' : `${(v as object).constructor?.name ?? 'Object'} `;
        const flat = `${name}{${parts.length ? ` ${parts.join(', ')} ` : ''}}`;
        out = flat.length <= 80 ? flat : `${name}{\n${inner}${parts.join(`,\n${inner}`)}\n${indent}}`;
      }
      seen.delete(v);
      return out;
    };
    try {
      return clip(go(value, depth, ''), maxChars);
    } catch (e) {
      return `[uninspectable: ${(e as Error)?.message ?? String(e)}]`;
    }
  }

  return inspect;
}
