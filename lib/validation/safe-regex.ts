/**
 * User-supplied regular expressions. JavaScript has no regex timeout, so a pathological pattern on a long
 * string could hang the tab or the worker. Two cheap guards, applied when a suite is parsed:
 *
 * - a length cap of `MAX_REGEX_LENGTH` (500) characters;
 * - rejection of the classic catastrophic-backtracking shape, a quantified group that itself contains an
 *   unbounded quantifier, e.g. `(a+)+`, `(\w+\s?)*`, `(.*){2,}`.
 *
 * This is a heuristic, not a proof of linear time. Patterns use Python/GX search semantics (`re.search`, match
 * anywhere); Python named groups `(?P<name>…)` are rewritten to JS `(?<name>…)`; no flags are applied.
 */
export const MAX_REGEX_LENGTH = 500;

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*?(?:[+*]|\{\d+,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** Compiles a user pattern or returns an error message naming why it was refused. */
export function compileUserRegex(pattern: string): RegExp | string {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return `regex is ${pattern.length} characters long; at most ${MAX_REGEX_LENGTH} are allowed`;
  }
  if (NESTED_QUANTIFIER.test(pattern)) {
    return `regex ${JSON.stringify(pattern)} nests unbounded quantifiers (catastrophic backtracking risk)`;
  }
  const js = pattern.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(js);
  } catch (err) {
    return `invalid regex ${JSON.stringify(pattern)}: ${(err as Error).message}`;
  }
}
