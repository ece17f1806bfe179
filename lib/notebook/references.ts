/**
 * The free identifiers a code cell's JavaScript mentions, for the dependency graph: a small scanner that skips
 * strings, comments and property names (`x.churn`, `x?.churn`), and reads the code inside template-literal
 * `${…}`. Conservative on purpose: an object key `{ churn: 1 }` counts as a mention (a false dependency costs a
 * re-run; a missed one shows a stale result as fresh). Regex literals are not recognized (a `/'/` regex may hide
 * the rest of a line); cells rarely need them.
 */

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/** The identifiers `source` refers to (not as a property name), in first-seen order, deduplicated. */
export function referencedIdentifiers(source: string): string[] {
  const seen = new Set<string>();
  scan(source, 0, false, seen);
  return [...seen];
}

/** Scans code from `i`; with `untilBrace`, stops after the `}` closing a template `${`. Returns the index reached. */
function scan(s: string, start: number, untilBrace: boolean, out: Set<string>): number {
  let i = start;
  let depth = 0;
  // The last significant character of code before the current token ('' at the start), to spot property access.
  let prev = '';
  let prev2 = '';
  let prev3 = '';
  const mark = (c: string) => {
    prev3 = prev2;
    prev2 = prev;
    prev = c;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(s, i + 1, c);
      mark('"');
      continue;
    }
    if (c === '`') {
      i = scanTemplate(s, i + 1, out);
      mark('"');
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      // a number, including 1e5, 0x1f, 1_000 and 1.5: never an identifier
      while (i < s.length && /[0-9A-Za-z_.]/.test(s[i])) i++;
      mark('0');
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < s.length && IDENT_PART.test(s[j])) j++;
      const word = s.slice(i, j);
      const spread = prev === '.' && prev2 === '.' && prev3 === '.';
      if (prev !== '.' || spread) out.add(word);
      i = j;
      mark('a');
      continue;
    }
    if (untilBrace) {
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) return i + 1;
        depth--;
      }
    }
    mark(c);
    i++;
  }
  return i;
}

function skipString(s: string, start: number, quote: string): number {
  let i = start;
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === quote || s[i] === '\n') return i + 1;
    else i++;
  }
  return i;
}

function scanTemplate(s: string, start: number, out: Set<string>): number {
  let i = start;
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === '`') return i + 1;
    else if (s[i] === '$' && s[i + 1] === '{') i = scan(s, i + 2, true, out);
    else i++;
  }
  return i;
}
