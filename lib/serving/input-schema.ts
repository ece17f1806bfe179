/**
 * The raw-record schema of a registered model version: which fields the prediction API accepts and how each is
 * read. Built once at registration from the fitted transform (the fields the model reads) and the training
 * snapshot (the rest of the source schema), then frozen with the version.
 *
 * The documented rule for fields: every `input` field must be present (null = missing value); `id` fields are
 * echoed back; `ignored` fields (the target, dropped columns, other source columns) are accepted and unused; any
 * other field is rejected with 422 naming it, so a typo (`tenur`) never silently becomes a missing value.
 */
import type { InputFieldDTO } from '@/lib/api/dto';
import type { FittedTransform } from '@/lib/features';

export type InputField = InputFieldDTO;

/** Largest magnitude accepted for a number (beyond it a value is a unit or encoding mistake, not a customer). */
export const MAX_ABS_NUMBER = 1e15;
/** Longest accepted text value. */
export const MAX_TEXT_LENGTH = 200;
export const MAX_BATCH = 1000;

export interface SnapshotColumnInfo {
  name: string;
  /** snapshot column type: numeric | categorical | boolean | datetime | text */
  type: string;
}

export interface ProfileColumnInfo {
  name: string;
  kind: string;
  min?: number | null;
  max?: number | null;
  levels?: { value: string | number | boolean; count: number }[];
}

/** Builds the frozen input schema of a version (model inputs first, in transform order). */
export function buildInputSchema(
  fitted: Pick<FittedTransform, 'inputColumns' | 'target'>,
  columns: readonly SnapshotColumnInfo[],
  profile: readonly ProfileColumnInfo[] = [],
): InputField[] {
  const prof = new Map(profile.map((p) => [p.name, p]));
  const out: InputField[] = [];
  const seen = new Set<string>();
  for (const c of fitted.inputColumns) {
    if (!c.required) continue;
    const f: InputField = { name: c.name, kind: c.kind, use: 'input' };
    const p = prof.get(c.name);
    if (p && c.kind === 'categorical' && p.levels) f.levels = p.levels.map((l) => String(l.value));
    if (p && c.kind === 'numeric' && typeof p.min === 'number' && typeof p.max === 'number') {
      f.min = p.min;
      f.max = p.max;
    }
    out.push(f);
    seen.add(c.name);
  }
  for (const c of columns) {
    if (seen.has(c.name)) continue;
    const p = prof.get(c.name);
    const use = p?.kind === 'id' && c.name !== fitted.target ? 'id' : 'ignored';
    out.push({ name: c.name, kind: c.type === 'numeric' ? 'numeric' : 'categorical', use });
    seen.add(c.name);
  }
  // Only one id is echoed: the first.
  let idSeen = false;
  for (const f of out) {
    if (f.use !== 'id') continue;
    if (idSeen) f.use = 'ignored';
    idSeen = true;
  }
  return out;
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** A compiled validator: checks one raw record, pushing issues prefixed with `path`. */
export interface RecordValidator {
  readonly fields: readonly InputField[];
  readonly idField: string | null;
  check(record: unknown, path: string, issues: FieldIssue[]): boolean;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}

export function compileValidator(fields: readonly InputField[]): RecordValidator {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const required = fields.filter((f) => f.use === 'input');
  const idField = fields.find((f) => f.use === 'id')?.name ?? null;
  return {
    fields,
    idField,
    check(record, path, issues) {
      const before = issues.length;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        issues.push({ path, message: `expected an object of customer fields, got ${describe(record)}` });
        return false;
      }
      const r = record as Record<string, unknown>;
      for (const key in r) {
        if (!Object.hasOwn(r, key)) continue;
        const f = byName.get(key);
        const p = `${path}.${key}`;
        if (f === undefined) {
          issues.push({ path: p, message: 'unknown field: not in the model input schema (see GET /api/v1/models/champion)' });
          continue;
        }
        const v = r[key];
        if (v === null) continue;
        if (f.use === 'input' && f.kind === 'numeric') {
          if (typeof v !== 'number') issues.push({ path: p, message: `expected a number or null, got ${describe(v)}` });
          else if (!Number.isFinite(v)) issues.push({ path: p, message: 'must be a finite number' });
          else if (Math.abs(v) > MAX_ABS_NUMBER) issues.push({ path: p, message: `out of range: |value| must be at most ${MAX_ABS_NUMBER}` });
          continue;
        }
        if (typeof v === 'string') {
          if (v.length > MAX_TEXT_LENGTH) issues.push({ path: p, message: `text longer than ${MAX_TEXT_LENGTH} characters` });
        } else if (typeof v === 'number') {
          if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_NUMBER) issues.push({ path: p, message: `out of range: |value| must be at most ${MAX_ABS_NUMBER}` });
        } else if (typeof v !== 'boolean' || f.use === 'id') {
          issues.push({ path: p, message: `expected ${f.use === 'id' ? 'a string or number' : 'a string, number or boolean'}, got ${describe(v)}` });
        }
      }
      for (const f of required) {
        if (!Object.hasOwn(r, f.name)) issues.push({ path: `${path}.${f.name}`, message: 'required (send null for a missing value)' });
      }
      return issues.length === before;
    },
  };
}
