/**
 * Fuzzy matching for the command palette: every query character must appear in order in the text (case-
 * insensitive); consecutive matches and matches at word starts score higher, so "rs" ranks "Run stale" above
 * "Collapse cells".
 */

/** A score (higher is better) or null when `query` is not a subsequence of `text`. Empty query: 0. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let prev = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const at = t.indexOf(ch, ti);
    if (at < 0) return null;
    score += 1;
    if (at === prev + 1) score += 3;
    if (at === 0 || /[\s\-_:./"(]/.test(t[at - 1])) score += 2;
    prev = at;
    ti = at + 1;
  }
  return score - t.length * 0.01;
}

/** `items` matching `query`, best first (stable for equal scores). */
export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string): T[] {
  return items
    .map((item, i) => ({ item, i, s: fuzzyScore(query, text(item)) }))
    .filter((x): x is { item: T; i: number; s: number } => x.s !== null)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.item);
}
