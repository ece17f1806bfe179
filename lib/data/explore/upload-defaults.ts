/** Defaults for the upload form: which column is the target and which of its values counts as positive. */

export interface TargetCandidate {
  column: string;
  values: { value: string; count: number }[];
}

const TARGET_NAME = /churn|target|label|exited|attrition/i;
const POSITIVE_WORDS = ['1', 'true', 'yes', 'y', 'churned', 'churn', 'exited', 'left'];

/**
 * The default target: the last candidate whose name looks like a churn label (churn, target, label, exited,
 * attrition), else the last candidate, else null.
 */
export function defaultTarget(candidates: readonly TargetCandidate[]): string | null {
  for (let i = candidates.length - 1; i >= 0; i--) if (TARGET_NAME.test(candidates[i].column)) return candidates[i].column;
  return candidates.length > 0 ? candidates[candidates.length - 1].column : null;
}

/**
 * The default positive value of a target: a value spelled like "yes/true/1/churned" (case-insensitive), else the
 * rarer value (churners are usually the minority), else null.
 */
export function defaultPositive(values: readonly { value: string; count: number }[]): string | null {
  if (values.length === 0) return null;
  for (const w of POSITIVE_WORDS) {
    const hit = values.find((v) => v.value.trim().toLowerCase() === w);
    if (hit) return hit.value;
  }
  let best = values[0];
  for (const v of values) if (v.count < best.count) best = v;
  return best.value;
}

/** A snapshot name from a file name: extension dropped, trimmed, at most 80 characters. */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(csv|parquet|pq|txt)$/i, '').trim();
  return (base || 'upload').slice(0, 80);
}
