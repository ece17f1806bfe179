import { isMissing } from '@/lib/data/table';
import type { DatetimeColumnProfile, LevelColumnProfile, LevelCount, TargetRelation, TextColumnProfile } from './profile-types';

interface LevelTally {
  keys: string[];
  counts: number[];
  pos: number[];
  known: number[];
  missing: number;
  missPos: number;
  missKnown: number;
}

function levelKey(v: unknown): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Counts each distinct value (as a string key) with its positives and known-target rows. */
function tally(values: ArrayLike<unknown>, y: Int8Array | null): LevelTally {
  const index = new Map<string, number>();
  const t: LevelTally = { keys: [], counts: [], pos: [], known: [], missing: 0, missPos: 0, missKnown: 0 };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const cls = y === null ? -1 : y[i];
    if (isMissing(v)) {
      t.missing++;
      if (cls >= 0) {
        t.missKnown++;
        t.missPos += cls;
      }
      continue;
    }
    const key = typeof v === 'string' ? v : levelKey(v);
    let k = index.get(key);
    if (k === undefined) {
      k = t.keys.length;
      index.set(key, k);
      t.keys.push(key);
      t.counts.push(0);
      t.pos.push(0);
      t.known.push(0);
    }
    t.counts[k]++;
    if (cls >= 0) {
      t.known[k]++;
      t.pos[k] += cls;
    }
  }
  return t;
}

/** Level indices by count descending, then value ascending. */
function byFrequency(t: LevelTally): number[] {
  const order = t.keys.map((_, i) => i);
  order.sort((a, b) => t.counts[b] - t.counts[a] || (t.keys[a] < t.keys[b] ? -1 : t.keys[a] > t.keys[b] ? 1 : 0));
  return order;
}

/**
 * AUC of the in-sample level churn rate as a score (missing is its own level): levels sorted by rate, ties
 * grouped, Σ pos_g (neg_below + ½ neg_g) / (P N). Optimistic for many small levels, as any target encoding is.
 */
export function levelRateAuc(pos: number[], known: number[]): number | null {
  const idx: number[] = [];
  let P = 0;
  let N = 0;
  for (let i = 0; i < pos.length; i++) {
    if (known[i] === 0) continue;
    idx.push(i);
    P += pos[i];
    N += known[i] - pos[i];
  }
  if (P === 0 || N === 0) return null;
  idx.sort((a, b) => pos[a] / known[a] - pos[b] / known[b]);
  let negBelow = 0;
  let sum = 0;
  for (let g = 0; g < idx.length; ) {
    const rate = pos[idx[g]] / known[idx[g]];
    let gp = 0;
    let gn = 0;
    let h = g;
    for (; h < idx.length && pos[idx[h]] / known[idx[h]] === rate; h++) {
      gp += pos[idx[h]];
      gn += known[idx[h]] - pos[idx[h]];
    }
    sum += gp * (negBelow + 0.5 * gn);
    negBelow += gn;
    g = h;
  }
  return sum / (P * N);
}

/** Profile of a categorical or boolean column: top `maxLevels` levels with counts and churn rates, level-rate AUC. */
export function profileLevels(
  name: string,
  kind: 'categorical' | 'boolean',
  values: ArrayLike<unknown>,
  y: Int8Array | null,
  maxLevels: number,
): LevelColumnProfile {
  const t = tally(values, y);
  const order = byFrequency(t);
  const levels: LevelCount[] = [];
  let shown = 0;
  for (let j = 0; j < order.length && j < maxLevels; j++) {
    const k = order[j];
    shown += t.counts[k];
    const level: LevelCount = { value: t.keys[k], count: t.counts[k] };
    if (y !== null) level.churnRate = t.known[k] > 0 ? t.pos[k] / t.known[k] : null;
    levels.push(level);
  }
  const profile: LevelColumnProfile = {
    name,
    kind,
    count: values.length,
    missing: t.missing,
    distinct: t.keys.length,
    levels,
    otherCount: values.length - t.missing - shown,
  };
  if (y !== null) {
    const target: TargetRelation = {
      auc: levelRateAuc([...t.pos, t.missPos], [...t.known, t.missKnown]),
      direction: 'higher',
      missingChurnRate: t.missKnown > 0 ? t.missPos / t.missKnown : null,
    };
    profile.target = target;
  }
  return profile;
}

/** Profile of an id or free-text column: lengths, duplicates, five most frequent values. */
export function profileText(name: string, kind: 'text' | 'id', values: ArrayLike<unknown>): TextColumnProfile {
  const t = tally(values, null);
  let minLength = Infinity;
  let maxLength = -Infinity;
  for (const k of t.keys) {
    if (k.length < minLength) minLength = k.length;
    if (k.length > maxLength) maxLength = k.length;
  }
  const nonMissing = values.length - t.missing;
  return {
    name,
    kind,
    count: values.length,
    missing: t.missing,
    distinct: t.keys.length,
    minLength: t.keys.length ? minLength : null,
    maxLength: t.keys.length ? maxLength : null,
    duplicates: nonMissing - t.keys.length,
    top: byFrequency(t)
      .slice(0, 5)
      .map((k) => ({ value: t.keys[k], count: t.counts[k] })),
  };
}

/** Profile of a datetime column (Dates or ISO strings): range as ISO strings. */
export function profileDatetime(name: string, values: ArrayLike<unknown>): DatetimeColumnProfile {
  const t = tally(values, null);
  let min: string | null = null;
  let max: string | null = null;
  for (const k of t.keys) {
    if (min === null || k < min) min = k;
    if (max === null || k > max) max = k;
  }
  return { name, kind: 'datetime', count: values.length, missing: t.missing, distinct: t.keys.length, min, max };
}
